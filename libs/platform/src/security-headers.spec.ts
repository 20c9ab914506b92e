import { createServer, get as httpGet, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { securityHeaders, type SecurityHeadersOptions } from './security-headers';

async function serve(options?: SecurityHeadersOptions): Promise<{ server: Server; url: string }> {
  const headers = securityHeaders(options);
  const server = createServer((req, res) =>
    headers(req, res, (error) => {
      res.statusCode = error ? 500 : 200;
      res.end('ok');
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const directives = (csp: string | null) =>
  Object.fromEntries(
    (csp ?? '').split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values.join(' ')];
    }),
  );

describe(securityHeaders.name, () => {
  let server: Server;
  let url: string;

  beforeAll(async () => ({ server, url } = await serve({ formActionOrigins: ['https://idp.example.com'] })));
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  // node:http, not fetch: fetch will not send a Host of our choosing.
  const get = (path: string, host?: string) =>
    new Promise<{ headers: { get: (name: string) => string | null } }>((resolve, reject) => {
      httpGet(`${url}${path}`, { headers: host ? { host } : {} }, (res) => {
        res.resume();
        const all: IncomingHttpHeaders = res.headers;
        resolve({ headers: { get: (name) => (all[name] as string | undefined) ?? null } });
      }).on('error', reject);
    });

  it('sends a strict CSP on every answer', async () => {
    const res = await get('/api/v1/trades');
    expect(directives(res.headers.get('content-security-policy'))).toEqual({
      'default-src': "'self'",
      'base-uri': "'self'",
      'connect-src': "'self'",
      'font-src': "'self'",
      'form-action': "'self' https://idp.example.com",
      'frame-ancestors': "'none'",
      'img-src': "'self' data:",
      'object-src': "'none'",
      'script-src': "'self'",
      'script-src-attr': "'none'",
      'style-src': "'self'",
    });
  });

  it('sends nosniff, no Referer, and refuses framing', async () => {
    const res = await get('/');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it.each(['contingency.example.com', 'contingency.example.com:8443', '10.0.3.7:8080'])(
    'sends HSTS for a year with subdomains to %s',
    async (host) => {
      const res = await get('/healthz', host);
      expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    },
  );

  it.each(['localhost:8080', '127.0.0.1:8080', '[::1]:8080', 'app.localhost'])(
    'sends no HSTS to plain-HTTP %s',
    async (host) => {
      const res = await get('/healthz', host);
      expect(res.headers.get('strict-transport-security')).toBeNull();
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    },
  );

  it.each(['/api/docs', '/api/docs/', '/api/docs/swagger-ui-init.js', '/api/docs?x=1'])(
    'relaxes only styles and images for the OpenAPI UI at %s, never scripts or framing',
    async (path) => {
      const csp = directives((await get(path)).headers.get('content-security-policy'));
      expect(csp['style-src']).toBe("'self' 'unsafe-inline'");
      expect(csp['img-src']).toBe("'self' data:");
      expect(csp['script-src']).toBe("'self'");
      expect(csp['frame-ancestors']).toBe("'none'");
    },
  );

  it.each(['/api/docs-json', '/api/docsx', '/api/v1/docs'])('keeps the strict CSP on %s', async (path) => {
    const csp = directives((await get(path)).headers.get('content-security-policy'));
    expect(csp['style-src']).toBe("'self'");
    expect(csp['img-src']).toBe("'self' data:");
  });

  it('allows forms to ourselves only when no IdP is configured', async () => {
    const plain = await serve();
    try {
      const csp = directives((await fetch(plain.url)).headers.get('content-security-policy'));
      expect(csp['form-action']).toBe("'self'");
    } finally {
      await new Promise((resolve) => plain.server.close(resolve));
    }
  });
});
