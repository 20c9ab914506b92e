import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expectEventually } from './expect-eventually';

export const REPO_ROOT = join(__dirname, '..', '..', '..');

export interface AppProcess {
  url: string;
  child: ChildProcess;
  logFile: string;
  /** SIGTERM and wait for the exit; resolves with the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: the crash the platform must survive. */
  kill(): Promise<void>;
  exited: Promise<number | null>;
}

/**
 * Starts a compiled app (dist/, built by `npm test`) as its own process, the way it runs in production,
 * and waits until it answers /healthz. Its output goes to .local/test-logs/<name>-<port>-<time>.log.
 */
export async function startApp(
  app: string,
  env: Record<string, string | undefined>,
  { port, readyTimeoutMs = 30_000 }: { port: number; readyTimeoutMs?: number },
): Promise<AppProcess> {
  const logDir = join(REPO_ROOT, '.local', 'test-logs');
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `${app}-${port}-${Date.now()}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(
    process.execPath,
    ['--enable-source-maps', join(REPO_ROOT, 'dist/apps', app, 'src/main.js')],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, LOG_FORMAT: 'json', LOG_LEVEL: 'info', ...env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;

  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code ?? -1));
  await expectEventually(
    async () => {
      if (exitCode !== undefined)
        throw new Error(`${app} exited with ${exitCode} before it was healthy: see ${logFile}`);
      const res = await fetch(`${url}/healthz`);
      if (!res.ok) throw new Error(`${app} /healthz ${res.status}`);
    },
    { timeoutMs: readyTimeoutMs, intervalMs: 200 },
  ).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });

  return {
    url,
    child,
    logFile,
    exited,
    stop: async () => {
      if (exitCode === undefined) child.kill('SIGTERM');
      return exited;
    },
    kill: async () => {
      if (exitCode === undefined) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Runs a compiled app that is expected to exit (bad config): its exit code and output. */
export function runAppToExit(
  app: string,
  env: Record<string, string | undefined>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'dist/apps', app, 'src/main.js')], {
      cwd: REPO_ROOT,
      env: env,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
