import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { CalastoneSftpConfig } from '@contingency/config';

const SSHD = '/usr/sbin/sshd';
const HOST = '127.0.0.1';
const run = promisify(execFile);

export interface SftpServerOptions {
  /** How long sshd may take to listen; 10 s if not given. */
  readyTimeoutMs?: number;
}

/** A real OpenSSH server on loopback that serves one fresh folder over SFTP to one key. */
export interface SftpServer {
  readonly host: string;
  readonly port: number;
  readonly username: string;
  /** The served folder: the SFTP login directory. */
  readonly root: string;
  /** The client key that authorized_keys lists. */
  readonly privateKeyFile: string;
  /** The server's host key as `ssh-keygen -lf` prints it (`SHA256:...`). */
  readonly hostKeyFingerprint: string;
  /** What CalastoneConfig.sftp needs to reach this server. */
  readonly config: CalastoneSftpConfig;
  /** Everything sshd printed so far (connections, authentications, errors). */
  logs(): string;
  /** SIGTERM to sshd and its sessions, waits for the exit and removes the throwaway folder. Final. */
  stop(): Promise<void>;
  /** SIGKILL to sshd and its sessions: the server is down until restart(). */
  kill(): Promise<void>;
  /** SIGSTOP to sshd and its sessions: connections hang (nothing answers) until resume(). */
  pause(): void;
  resume(): void;
  /** Starts sshd again on the same port with the same keys (after kill(), or while running). */
  restart(): Promise<void>;
}

export interface SshKey {
  readonly privateKeyFile: string;
  readonly publicKey: string;
  /** `SHA256:...` as `ssh-keygen -lf` prints it. */
  readonly fingerprint: string;
}

/** A fresh ed25519 key pair without passphrase at `file` (and `file`.pub). */
export async function generateSshKey(file: string): Promise<SshKey> {
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', '', '-f', file]);
  const { stdout } = await run('ssh-keygen', ['-lf', `${file}.pub`]);
  const fingerprint = /SHA256:\S+/.exec(stdout)?.[0];
  if (!fingerprint) throw new Error(`ssh-keygen -lf printed no SHA256 fingerprint: ${stdout}`);
  return { privateKeyFile: file, publicKey: await readFile(`${file}.pub`, 'utf8'), fingerprint };
}

/**
 * Starts `/usr/sbin/sshd -D -e` on 127.0.0.1 with a throwaway configuration: fresh host and client
 * keys, public key authentication only, and `internal-sftp` forced with the served folder as the login
 * directory. Logs in as the current user (root in CI), whose account must not be locked: without PAM,
 * sshd refuses a locked one (a `!` password in /etc/shadow).
 */
export async function startSftpServer({
  readyTimeoutMs = 10_000,
}: SftpServerOptions = {}): Promise<SftpServer> {
  if (!existsSync(SSHD)) {
    throw new Error(`${SSHD} is missing: run tools/system-deps.sh (it installs openssh-server)`);
  }
  // sshd refuses to start as root without its privilege separation folder; not needed otherwise.
  if (process.getuid?.() === 0) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });

  const dir = await mkdtemp(join(tmpdir(), 'sftp-server-'));
  const root = join(dir, 'root');
  mkdirSync(root);
  const [hostKey, clientKey] = await Promise.all([
    generateSshKey(join(dir, 'host_ed25519')),
    generateSshKey(join(dir, 'client_ed25519')),
  ]);
  await writeFile(join(dir, 'authorized_keys'), clientKey.publicKey, { mode: 0o600 });
  const port = await freePort();
  const username = userInfo().username;
  const configFile = join(dir, 'sshd_config');
  await writeFile(
    configFile,
    [
      `ListenAddress ${HOST}`,
      `Port ${port}`,
      `HostKey ${hostKey.privateKeyFile}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      `AllowUsers ${username}`,
      'StrictModes no',
      'UsePAM no',
      'LogLevel VERBOSE',
      'Subsystem sftp internal-sftp',
      `ForceCommand internal-sftp -d ${root}`,
      '',
    ].join('\n'),
  );

  let daemon = await startDaemon(configFile, port, readyTimeoutMs);
  let stopped = false;
  // A test that forgets stop() must not leave sshd behind when the test process ends.
  const killOnExit = () => signalTree(daemon.child, 'SIGKILL');
  process.once('exit', killOnExit);

  return {
    host: HOST,
    port,
    username,
    root,
    privateKeyFile: clientKey.privateKeyFile,
    hostKeyFingerprint: hostKey.fingerprint,
    config: {
      host: HOST,
      port,
      username,
      privateKeyFile: clientKey.privateKeyFile,
      hostKeyFingerprint: hostKey.fingerprint,
    },
    logs: () => daemon.logs(),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      process.removeListener('exit', killOnExit);
      await daemon.terminate('SIGTERM');
      await rm(dir, { recursive: true, force: true });
    },
    kill: () => daemon.terminate('SIGKILL'),
    pause: () => signalTree(daemon.child, 'SIGSTOP'),
    resume: () => signalTree(daemon.child, 'SIGCONT'),
    restart: async () => {
      if (stopped) throw new Error('the SFTP server was stopped; start a new one');
      const earlierLogs = daemon.logs();
      await daemon.terminate('SIGKILL');
      daemon = await startDaemon(configFile, port, readyTimeoutMs, earlierLogs);
    },
  };
}

interface Daemon {
  child: ChildProcess;
  logs(): string;
  /** Signals sshd and its sessions (SIGCONT too, should they be paused) and waits for sshd's exit. */
  terminate(signal: 'SIGTERM' | 'SIGKILL'): Promise<void>;
}

async function startDaemon(
  configFile: string,
  port: number,
  readyTimeoutMs: number,
  logs = '',
): Promise<Daemon> {
  const child = spawn(SSHD, ['-D', '-e', '-f', configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
  let output = logs;
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  let exitCode: number | string | null | undefined;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exitCode = code ?? signal;
      resolve();
    }),
  );
  child.once('error', (error) => (output += `\n${error.message}`));

  const daemon: Daemon = {
    child,
    logs: () => output,
    terminate: async (signal) => {
      if (exitCode !== undefined) return;
      signalTree(child, signal);
      signalTree(child, 'SIGCONT');
      await exited;
    },
  };

  const deadline = Date.now() + readyTimeoutMs;
  while (!(output.slice(logs.length).includes('Server listening') && (await accepts(port)))) {
    if (exitCode !== undefined || Date.now() > deadline) {
      await daemon.terminate('SIGKILL');
      const why =
        exitCode !== undefined ? `exited (${exitCode})` : `did not listen within ${readyTimeoutMs} ms`;
      throw new Error(`sshd ${why}:\n${output.slice(logs.length)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return daemon;
}

/**
 * Signals sshd and every process below it: each connection is served by forked children that would
 * otherwise outlive the listener (and keep the session open).
 */
function signalTree(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  for (const pid of [child.pid, ...descendantsOf(child.pid)]) {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  }
}

function descendantsOf(pid: number): number[] {
  const childrenOf = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return []; // No procfs: only sshd itself is signalled.
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, the fields after it do not.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    childrenOf.set(ppid, [...(childrenOf.get(ppid) ?? []), Number(entry)]);
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    for (const descendant of childrenOf.get(queue.shift()!) ?? []) {
      found.push(descendant);
      queue.push(descendant);
    }
  }
  return found;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: HOST, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
