import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENV_VARIABLES } from '../../libs/config/src/env.schema';
import {
  REPO_ROOT,
  appServices,
  dockerInstructions,
  entrypointFileSecrets,
  entrypointHeaps,
  readRepoFile,
} from './deployment-files';

const ENTRYPOINT = join(REPO_ROOT, 'docker', 'entrypoint.sh');

/** Runs docker/entrypoint.sh with a `node` on PATH that reports how it was called instead of running. */
function runEntrypoint(args: string[], env: Record<string, string> = {}) {
  const bin = mkdtempSync(join(tmpdir(), 'entrypoint-'));
  try {
    writeFileSync(
      join(bin, 'node'),
      `#!/bin/sh\nprintf '%s\\n' "$*" > "${bin}/args"\nenv > "${bin}/env"\n` +
        `[ -n "\${CALASTONE_SFTP_PRIVATE_KEY_FILE:-}" ] && cp "$CALASTONE_SFTP_PRIVATE_KEY_FILE" "${bin}/key" && ` +
        `stat -c %a "$CALASTONE_SFTP_PRIVATE_KEY_FILE" > "${bin}/key-mode"\nexit 0\n`,
    );
    chmodSync(join(bin, 'node'), 0o755);
    const result = spawnSync('/bin/sh', [ENTRYPOINT, ...args], {
      env: { PATH: `${bin}:/usr/bin:/bin`, TMPDIR: bin, ...env },
      encoding: 'utf8',
    });
    const read = (name: string) =>
      existsSync(join(bin, name)) ? readFileSync(join(bin, name), 'utf8') : undefined;
    const environment = Object.fromEntries(
      (read('env') ?? '')
        .split('\n')
        .filter((line) => line.includes('='))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    return {
      status: result.status,
      stderr: result.stderr,
      args: read('args')?.trim(),
      env: environment,
      key: read('key'),
      keyMode: read('key-mode')?.trim(),
    };
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
}

describe('docker/Dockerfile', () => {
  const instructions = dockerInstructions();
  const inStage = (stage: string) => instructions.filter((instruction) => instruction.stage === stage);
  const runtime = inStage('runtime');

  it('builds in stages: dependencies from the lock file, the swc build, then a runtime', () => {
    const stages = instructions.filter((i) => i.keyword === 'FROM').map((i) => i.args);
    expect(stages).toEqual(['${NODE_IMAGE} AS deps', 'deps AS build', '${NODE_IMAGE} AS runtime']);
    expect(inStage('deps').map((i) => `${i.keyword} ${i.args}`)).toEqual(
      expect.arrayContaining(['COPY package.json package-lock.json ./', 'RUN npm ci --no-audit --no-fund']),
    );
    const build = inStage('build').find((i) => i.keyword === 'RUN')!.args;
    expect(build).toMatch(/^bash tools\/build\.sh && npm prune --omit=dev/);
  });

  it('runs on the slim Node of .nvmrc, pinned to its exact version', () => {
    const nodeImage = instructions.find((i) => i.keyword === 'ARG' && i.args.startsWith('NODE_IMAGE='))!.args;
    const nvmrc = readRepoFile('.nvmrc').trim().replace(/^v/, '');
    expect(nodeImage).toBe(`NODE_IMAGE=node:${nvmrc}-bookworm-slim`);
  });

  it('runs as the unprivileged node user, with a health check and the entrypoint', () => {
    expect(runtime.filter((i) => i.keyword === 'USER').map((i) => i.args)).toEqual(['node']);
    expect(runtime.find((i) => i.keyword === 'HEALTHCHECK')!.args).toMatch(
      /CMD \["node", "\/app\/docker\/healthcheck\.js"\]$/,
    );
    expect(runtime.find((i) => i.keyword === 'ENTRYPOINT')!.args).toBe(
      '["/bin/sh", "/app/docker/entrypoint.sh"]',
    );
    expect(runtime.find((i) => i.keyword === 'WORKDIR')!.args).toBe('/app');
    expect(runtime.find((i) => i.keyword === 'VOLUME')!.args).toContain('"/data"');
  });

  it('bakes in no secret and no XSD: they come at run time', () => {
    const secretish = /DATABASE_URL|ADMIN_KEY|PRIVATE_KEY|PASSWORD|SECRET|TOKEN/;
    const settings = instructions
      .filter((i) => i.keyword === 'ENV' || i.keyword === 'ARG')
      .map((i) => i.args);
    expect(settings.filter((setting) => secretish.test(setting))).toEqual([]);
    const env = runtime.find((i) => i.keyword === 'ENV')!.args;
    expect(env).toContain('ISO20022_XSD_DIR=/iso20022');
    expect(env).toContain('DATA_DIR=/data');
    for (const name of [...env.matchAll(/([A-Z0-9_]+)=/g)].map((match) => match[1])) {
      expect(ENV_VARIABLES).toContain(name);
    }
    const copies = instructions.filter((i) => i.keyword === 'COPY').map((i) => i.args);
    expect(copies.filter((args) => /iso20022|shared|\.env/.test(args))).toEqual([]);
  });

  it('copies into the runtime only the build output and the container scripts', () => {
    const copies = runtime.filter((i) => i.keyword === 'COPY').map((i) => i.args);
    expect(copies).toEqual([
      '--from=build /app/package.json ./package.json',
      '--from=build /app/node_modules ./node_modules',
      '--from=build /app/dist ./dist',
      'docker/entrypoint.sh docker/healthcheck.js ./docker/',
    ]);
  });

  it('sends the build only what it reads (.dockerignore allowlist)', () => {
    const ignore = readRepoFile('.dockerignore')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    expect(ignore[0]).toBe('*');
    const allowed = ignore
      .filter((line) => line.startsWith('!'))
      .map((line) => line.slice(1).replace(/\/$/, ''));
    const fromContext = instructions
      .filter((i) => i.keyword === 'COPY' && !i.args.startsWith('--from'))
      .flatMap((i) => i.args.split(/\s+/).slice(0, -1))
      .filter((source) => source !== '.');
    for (const source of fromContext) expect(allowed).toContain(source);
    // What tools/build.sh compiles and reads.
    for (const input of ['apps', 'libs', 'tools', '.swcrc', '.nvmrc', 'tsconfig.base.json']) {
      expect(allowed).toContain(input);
    }
    expect(ignore).toEqual(expect.arrayContaining(['**/node_modules', '**/.env']));
    expect(allowed.filter((path) => /^(\.local|data|dist|node_modules|\.git|\.env)/.test(path))).toEqual([]);
  });
});

describe('docker/entrypoint.sh', () => {
  it('is valid sh', () => {
    expect(() => execFileSync('/bin/sh', ['-n', ENTRYPOINT])).not.toThrow();
  });

  it('runs dist/apps/<service>/src/main.js, which tools/build.sh compiles from apps/<service>/src/main.ts', () => {
    // swc keeps the source paths under -d dist: apps/x/src/main.ts -> dist/apps/x/src/main.js.
    expect(readRepoFile('tools/build.sh')).toMatch(/npx swc apps libs tools -d dist /);
    for (const { name } of appServices()) {
      const run = runEntrypoint([name]);
      expect({ name, status: run.status, args: run.args }).toEqual({
        name,
        status: 0,
        args: `/app/dist/apps/${name}/src/main.js`,
      });
      expect(existsSync(join(REPO_ROOT, 'apps', name, 'src', 'main.ts'))).toBe(true);
    }
    expect(runEntrypoint(['cli', 'db', 'migrate']).args).toBe('/app/dist/apps/cli/src/main.js db migrate');
  });

  it('refuses a name that is not a service', () => {
    const run = runEntrypoint(['standalone']);
    expect(run.status).toBe(64);
    expect(run.stderr).toContain("unknown service 'standalone'");
    expect(runEntrypoint([]).status).toBe(64);
  });

  it('sizes the V8 heap per service, unless NODE_OPTIONS already does', () => {
    const heaps = entrypointHeaps();
    expect(Object.keys(heaps).sort()).toEqual(
      [...appServices().map((service) => service.name), 'cli'].sort(),
    );
    expect(runEntrypoint(['upload-gateway']).env.NODE_OPTIONS).toBe('--max-old-space-size=192');
    expect(
      runEntrypoint(['validation-service'], { NODE_OPTIONS: '--enable-source-maps' }).env.NODE_OPTIONS,
    ).toBe('--enable-source-maps --max-old-space-size=256');
    expect(
      runEntrypoint(['upload-gateway'], { NODE_OPTIONS: '--max-old-space-size=300' }).env.NODE_OPTIONS,
    ).toBe('--max-old-space-size=300');
  });

  it('writes a secret given as contents to a private file and passes only NAME_FILE on', () => {
    const key = '-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----';
    const run = runEntrypoint(['calastone-adapter'], { CALASTONE_SFTP_PRIVATE_KEY: key });
    expect(run.status).toBe(0);
    expect(run.key).toBe(`${key}\n`);
    expect(run.keyMode).toBe('600');
    expect(run.env.CALASTONE_SFTP_PRIVATE_KEY_FILE).toMatch(/\/secrets\/CALASTONE_SFTP_PRIVATE_KEY$/);
    expect(run.env.CALASTONE_SFTP_PRIVATE_KEY).toBeUndefined();

    const both = runEntrypoint(['calastone-adapter'], {
      CALASTONE_SFTP_PRIVATE_KEY: key,
      CALASTONE_SFTP_PRIVATE_KEY_FILE: '/run/key',
    });
    expect(both.status).toBe(64);
    for (const name of entrypointFileSecrets()) expect(ENV_VARIABLES).toContain(`${name}_FILE`);
  });
});

describe('docker/healthcheck.js', () => {
  const check = (args: string[], env: Record<string, string> = {}) =>
    new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, [join(REPO_ROOT, 'docker', 'healthcheck.js'), ...args], {
        env: { PATH: process.env.PATH ?? '', ...env },
      });
      child.on('exit', (code) => resolve(code));
    });

  it('asks /healthz on the port it is given (argument, else PORT) and fails when nothing answers', async () => {
    const paths: string[] = [];
    const server = createServer((request, response) => {
      paths.push(request.url ?? '');
      response.statusCode = request.url === '/healthz' ? 200 : 503;
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      expect(await check([String(port)])).toBe(0);
      expect(await check([], { PORT: String(port) })).toBe(0);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(paths).toEqual(['/healthz', '/healthz']);
    expect(await check([String(port)])).toBe(1);
  });
});
