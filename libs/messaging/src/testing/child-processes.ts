import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

// The crash tests run the relay or a consumer in a child process and SIGKILL it. Jest compiles our
// TypeScript in memory only, so the child gets its own build: swc (the repo's .swcrc, which also
// rewrites the @contingency/* aliases to relative paths) compiles libs/ into .local/test-build/<id>,
// inside the repo so that node_modules resolves, and `node` runs testing/<script>.js from there.

const REPO = resolve(__dirname, '../../../..');

export interface ChildBuild {
  dir: string;
  remove(): void;
}

export function buildForChildren(): ChildBuild {
  const dir = join(REPO, '.local', 'test-build', `messaging-${process.pid}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  execFileSync(
    process.execPath,
    [
      join(REPO, 'node_modules/@swc/cli/bin/swc.js'),
      'libs',
      '-d',
      dir,
      '--config-file',
      '.swcrc',
      '--ignore',
      '**/*.spec.ts',
      '--ignore',
      '**/*.int-spec.ts',
      '--quiet',
    ],
    { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A child speaking JSON lines on stdout. */
export class Child {
  readonly lines: Record<string, unknown>[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly process: ChildProcess;
  private readonly listeners = new Set<() => void>();

  constructor(build: ChildBuild, script: string, env: Record<string, string>) {
    this.process = spawn(process.execPath, [join(build.dir, 'libs/messaging/src/testing', `${script}.js`)], {
      cwd: REPO,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    createInterface({ input: this.process.stdout! }).on('line', (line) => {
      try {
        this.lines.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        process.stderr.write(`${script}: ${line}\n`);
      }
      for (const listener of this.listeners) listener();
    });
    this.exited = new Promise((done) => this.process.on('exit', (code, signal) => done({ code, signal })));
  }

  count(predicate: (line: Record<string, unknown>) => boolean): number {
    return this.lines.filter(predicate).length;
  }

  /** Resolves when a line matches; rejects when the child exits first or the time is up. */
  waitFor(predicate: (line: Record<string, unknown>) => boolean, timeoutMs = 60_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.lines.some(predicate)) finish();
      };
      const finish = (error?: Error) => {
        clearTimeout(timer);
        this.listeners.delete(check);
        if (error) reject(error);
        else resolve();
      };
      const timer = setTimeout(() => finish(new Error(`no matching line within ${timeoutMs} ms`)), timeoutMs);
      this.listeners.add(check);
      void this.exited.then(({ code, signal }) => {
        if (!this.lines.some(predicate))
          finish(new Error(`child exited (${code ?? signal}) before the line came`));
      });
      check();
    });
  }

  kill(): void {
    this.process.kill('SIGKILL');
  }

  /** Asks for a graceful stop. */
  terminate(): void {
    this.process.kill('SIGTERM');
  }
}
