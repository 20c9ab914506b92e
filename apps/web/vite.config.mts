import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Cloudscape's global styles embed their fonts as data: URLs, which a CSP of font-src 'self' refuses:
// emit each font as a file beside the CSS instead.
function fontsAsFiles(): Plugin {
  const DATA_FONT = /url\((['"]?)data:font\/(woff2?|ttf|otf);base64,([A-Za-z0-9+/=]+)\1\)/g;
  return {
    name: 'fonts-as-files',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const asset of Object.values(bundle)) {
        if (asset.type !== 'asset' || !asset.fileName.endsWith('.css')) continue;
        asset.source = String(asset.source).replace(DATA_FONT, (_m, _q, ext: string, base64: string) => {
          const bytes = Buffer.from(base64, 'base64');
          const name = `font-${createHash('sha256').update(bytes).digest('hex').slice(0, 12)}.${ext}`;
          const ref = this.emitFile({ type: 'asset', fileName: `assets/${name}`, source: bytes });
          return `url(${this.getFileName(ref).replace(/^assets\//, '')})`;
        });
      }
    },
  };
}

// The console builds into the folder the standalone app serves at / (the same files go to S3/CloudFront).
// `vite` (dev server) proxies the API to a standalone running on :8080.
export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [react(), fontsAsFiles()],
  resolve: { alias: { '@contingency/contracts': here('../../libs/contracts/src/index.ts') } },
  build: {
    outDir: here('../../dist/apps/web/public'),
    emptyOutDir: true,
    // No inline script or style: the CSP is default-src 'self'.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2500,
  },
  server: {
    proxy: Object.fromEntries(
      ['/api', '/auth', '/dev-idp', '/healthz', '/readyz'].map((p) => [p, 'http://localhost:8080']),
    ),
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: [here('src/test-setup.ts')],
    css: false,
  },
});
