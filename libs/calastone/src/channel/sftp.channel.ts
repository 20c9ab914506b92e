import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { posix } from 'node:path';
import { Client, type FileEntryWithStats, type SFTPWrapper, type Stats } from 'ssh2';
import type { CalastoneSftpConfig } from '@contingency/config';
import {
  type CalastoneChannel,
  CalastoneChannelError,
  type DeliveryResult,
  type InboundDisposition,
  type InboundFile,
} from './calastone-channel';
import { isInboundDocument, mailboxPath, oldestFirst, SUFFIX_ATTEMPTS, suffixedName } from './mailbox-names';

export interface SftpChannelOptions extends CalastoneSftpConfig {
  /** Relative to the SFTP login directory; must exist on the server. */
  readonly outboundDir: string;
  /** Relative to the SFTP login directory; must exist on the server. */
  readonly inboundDir: string;
  /** TCP connection, SSH handshake and authentication together; 10 s if not given. */
  readonly readyTimeoutMs?: number;
  /** Each SFTP request (one chunk of a transfer counts as one); 10 s if not given. */
  readonly operationTimeoutMs?: number;
}

/** Bytes per read or write request: well under OpenSSH's 255 KiB, so the server never splits a chunk. */
const CHUNK_BYTES = 128 * 1024;
/** Keeps an idle connection alive through firewalls, and notices one that died silently. */
const KEEPALIVE_MS = 30_000;

// SFTP status codes (draft-ietf-secsh-filexfer-02) that change what the channel does.
const NO_SUCH_FILE = 2;
const NO_CONNECTION = 6;
const CONNECTION_LOST = 7;

/** `SHA256:<base64 without padding>` of a raw SSH public key, as `ssh-keygen -lf` prints it. */
export function sshFingerprint(publicKey: Buffer): string {
  return `SHA256:${createHash('sha256').update(publicKey).digest('base64').replace(/=+$/, '')}`;
}

interface Session {
  readonly sftp: SFTPWrapper;
  /** Closes the connection at once: nothing it carried can be trusted any more. */
  drop(): void;
  /** Says goodbye and waits for the server to close. */
  end(): Promise<void>;
}

type Done<T> = (error?: Error | null, value?: T) => void;

class OperationTimeout extends Error {}

/**
 * The Calastone mailbox over SFTP: key authentication only, the server's host key pinned. One
 * connection and SFTP session, opened on first use and reused; a dropped one is opened again by the
 * next call. Publishing relies on SFTP rename never replacing an existing file (as the protocol
 * requires and OpenSSH does), so a document under its final name is always whole and never written twice.
 * The outbox and inbox are Calastone's folders and are never created here: a missing one is a
 * misconfiguration, not something to paper over.
 */
export class SftpChannel implements CalastoneChannel {
  readonly description: string;
  private readonly readyTimeoutMs: number;
  private readonly operationTimeoutMs: number;
  private current?: Promise<Session>;

  constructor(private readonly options: SftpChannelOptions) {
    this.description = `sftp://${options.username}@${options.host}:${options.port}`;
    this.readyTimeoutMs = options.readyTimeoutMs ?? 10_000;
    this.operationTimeoutMs = options.operationTimeoutMs ?? 10_000;
  }

  async stage(tempName: string, content: Buffer): Promise<void> {
    const path = mailboxPath(this.options.outboundDir, tempName);
    await this.using(`stage ${tempName}`, (sftp) =>
      this.withHandle(sftp, path, 'w', async (handle) => {
        for (let offset = 0; offset < content.length; offset += CHUNK_BYTES) {
          const length = Math.min(CHUNK_BYTES, content.length - offset);
          await this.request<number>((done) => sftp.write(handle, content, offset, length, offset, done));
        }
      }),
    );
  }

  async publish(fileName: string, tempName: string): Promise<DeliveryResult> {
    const target = mailboxPath(this.options.outboundDir, fileName);
    const temp = mailboxPath(this.options.outboundDir, tempName);
    return this.using(`publish ${fileName}`, async (sftp) => {
      try {
        await this.request((done) => sftp.rename(temp, target, done));
        return 'written';
      } catch (error) {
        // Refused because the final name exists (or the temp is gone because an earlier call, whose
        // answer was lost, already renamed it): the document is there, and this copy is not needed.
        if (!isStatus(error) || !(await this.exists(sftp, target))) throw error;
      }
      await this.remove(sftp, temp);
      return 'already-present';
    });
  }

  async presentInOutbox(names: readonly string[]): Promise<Set<string>> {
    const entries = await this.using('list the outbox', (sftp) => this.list(sftp, this.options.outboundDir));
    const present = new Set(entries.map((entry) => entry.filename));
    return new Set(names.filter((name) => present.has(name)));
  }

  async discard(tempName: string): Promise<void> {
    const path = mailboxPath(this.options.outboundDir, tempName);
    await this.using(`discard ${tempName}`, (sftp) => this.remove(sftp, path));
  }

  async listInbound(limit: number): Promise<InboundFile[]> {
    const entries = await this.using('list the inbox', (sftp) => this.list(sftp, this.options.inboundDir));
    return oldestFirst(
      entries
        .filter(({ filename, attrs }) => attrs.isFile() && isInboundDocument(filename))
        .map(({ filename, attrs }) => ({
          name: filename,
          size: attrs.size,
          modifiedAt: new Date(attrs.mtime * 1000),
        })),
      limit,
    );
  }

  async readInbound(name: string, maxBytes: number): Promise<Buffer> {
    const path = mailboxPath(this.options.inboundDir, name);
    return this.using(`read ${name}`, (sftp) =>
      this.withHandle(sftp, path, 'r', async (handle) => {
        const { size } = await this.request<Stats>((done) => sftp.fstat(handle, done));
        if (size > maxBytes) {
          throw new CalastoneChannelError(
            'TOO_LARGE',
            `${name} has ${size} bytes, more than the ${maxBytes} allowed`,
          );
        }
        const content = Buffer.alloc(size);
        let filled = 0;
        while (filled < size) {
          const length = Math.min(CHUNK_BYTES, size - filled);
          const read = await this.request<number>((done) =>
            sftp.read(handle, content, filled, length, filled, done),
          );
          if (!read) break; // Shorter than it was a moment ago.
          filled += read;
        }
        return content.subarray(0, filled);
      }),
    );
  }

  async settleInbound(name: string, disposition: InboundDisposition): Promise<void> {
    const source = mailboxPath(this.options.inboundDir, name);
    const folder = posix.join(this.options.inboundDir, disposition);
    await this.using(`settle ${name}`, async (sftp) => {
      await this.ensureFolder(sftp, folder);
      for (let attempt = 1, target = name; ; attempt++, target = suffixedName(name)) {
        try {
          await this.request((done) => sftp.rename(source, posix.join(folder, target), done));
          return;
        } catch (error) {
          // Only a clash with a document settled earlier under that name earns another name.
          const clash =
            isStatus(error) &&
            error.code !== NO_SUCH_FILE &&
            attempt < SUFFIX_ATTEMPTS &&
            (await this.exists(sftp, posix.join(folder, target)));
          if (!clash) throw error;
        }
      }
    });
  }

  async close(): Promise<void> {
    const current = this.current;
    this.current = undefined;
    const session = await current?.catch(() => undefined);
    await session?.end();
  }

  /** Runs one mailbox operation on the shared session; every failure becomes a CalastoneChannelError. */
  private async using<T>(what: string, work: (sftp: SFTPWrapper) => Promise<T>): Promise<T> {
    const session = await this.session();
    try {
      return await work(session.sftp);
    } catch (error) {
      const failure = this.operationError(what, error);
      if (failure.code === 'UNAVAILABLE') session.drop();
      throw failure;
    }
  }

  private session(): Promise<Session> {
    if (!this.current) {
      const opening: Promise<Session> = this.connect(() => {
        if (this.current === opening) this.current = undefined;
      });
      this.current = opening;
      opening.catch(() => {
        if (this.current === opening) this.current = undefined;
      });
    }
    return this.current;
  }

  private async connect(forget: () => void): Promise<Session> {
    const { host, port, username, privateKeyFile, hostKeyFingerprint } = this.options;
    const privateKey = await readFile(privateKeyFile).catch((error: unknown) => {
      throw new CalastoneChannelError(
        'FAILED',
        `cannot read the private key file ${privateKeyFile}: ${describe(error)}`,
      );
    });
    const pinned = hostKeyFingerprint.replace(/=+$/, '');

    return new Promise<Session>((resolve, reject) => {
      const client = new Client();
      let presented: string | undefined;
      let settled = false;
      const fail = (error: CalastoneChannelError) => {
        if (settled) return;
        settled = true;
        reject(error);
        client.destroy();
      };
      const closed = new Promise<void>((resolveClosed) =>
        client.once('close', () => {
          forget();
          fail(
            new CalastoneChannelError(
              'UNAVAILABLE',
              `${this.description} closed the connection while connecting`,
            ),
          );
          resolveClosed();
        }),
      );
      // Listening for errors for as long as the client lives: an unheard 'error' event would crash the process.
      client.on('error', (error: Error & { level?: string }) =>
        fail(this.connectError(error, pinned, presented)),
      );
      client.once('ready', () => {
        const timer = setTimeout(
          () =>
            fail(
              new CalastoneChannelError('UNAVAILABLE', `${this.description} opened no SFTP session in time`),
            ),
          this.operationTimeoutMs,
        );
        client.sftp((error, sftp) => {
          clearTimeout(timer);
          if (error) {
            fail(
              new CalastoneChannelError(
                'FAILED',
                `${this.description} refused an SFTP session: ${error.message}`,
              ),
            );
            return;
          }
          if (settled) return;
          settled = true;
          sftp.on('error', () => client.destroy());
          sftp.once('close', () => client.end());
          resolve({
            sftp,
            drop: () => {
              forget();
              client.destroy();
            },
            end: async () => {
              client.end();
              const timer = setTimeout(() => client.destroy(), this.operationTimeoutMs);
              await closed;
              clearTimeout(timer);
            },
          });
        });
      });

      try {
        client.connect({
          host,
          port,
          username,
          privateKey,
          authHandler: ['publickey'],
          hostVerifier: (key: Buffer) => {
            presented = sshFingerprint(key);
            return presented === pinned;
          },
          readyTimeout: this.readyTimeoutMs,
          keepaliveInterval: KEEPALIVE_MS,
        });
        // Each SFTP request waits for its answer: Nagle's delay would be paid on every one of them.
        client.setNoDelay(true);
      } catch (error) {
        // ssh2 parses the key here; its message names the problem, never the key.
        fail(
          new CalastoneChannelError(
            'FAILED',
            `cannot use the private key ${privateKeyFile}: ${describe(error)}`,
          ),
        );
      }
    });
  }

  private connectError(
    error: Error & { level?: string },
    pinned: string,
    presented?: string,
  ): CalastoneChannelError {
    if (presented !== undefined && presented !== pinned) {
      return new CalastoneChannelError(
        'HOST_KEY_MISMATCH',
        `${this.description} presented host key ${presented}, not the pinned ${pinned}`,
      );
    }
    if (error.level === 'client-authentication') {
      return new CalastoneChannelError('AUTHENTICATION_FAILED', `${this.description} refused our key`);
    }
    if (error.level === 'handshake') {
      // No common algorithm or a protocol violation: trying again will not help.
      return new CalastoneChannelError(
        'FAILED',
        `${this.description}: SSH handshake failed: ${error.message}`,
      );
    }
    return new CalastoneChannelError('UNAVAILABLE', `${this.description} is unreachable: ${error.message}`, {
      cause: error,
    });
  }

  private operationError(what: string, error: unknown): CalastoneChannelError {
    if (error instanceof CalastoneChannelError) return error;
    if (error instanceof OperationTimeout) {
      return new CalastoneChannelError(
        'UNAVAILABLE',
        `${this.description} did not answer within ${this.operationTimeoutMs} ms (${what})`,
      );
    }
    if (isStatus(error) && error.code !== NO_CONNECTION && error.code !== CONNECTION_LOST) {
      // Calastone provisions the folders; a missing one is a setting to fix, not a file to retry.
      const hint =
        error.code === NO_SUCH_FILE
          ? ` (check that the folders exist on the server: outbox '${this.options.outboundDir}', inbox ` +
            `'${this.options.inboundDir}' — CALASTONE_OUTBOUND_DIR / CALASTONE_INBOUND_DIR)`
          : '';
      return new CalastoneChannelError(
        'FAILED',
        `${this.description} cannot ${what}: ${error.message}${hint}`,
        {
          cause: error,
        },
      );
    }
    // No SFTP status: the connection itself failed.
    return new CalastoneChannelError(
      'UNAVAILABLE',
      `${this.description} lost the connection (${what}): ${describe(error)}`,
      {
        cause: error,
      },
    );
  }

  /** One SFTP request, bounded by the operation timeout. What ssh2 throws (a closed channel) rejects it too. */
  private request<T = void>(start: (done: Done<T>) => void): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    return new Promise<T>((resolve, reject) => {
      timer = setTimeout(() => reject(new OperationTimeout()), this.operationTimeoutMs);
      start((error, value) => (error ? reject(error) : resolve(value as T)));
    }).finally(() => clearTimeout(timer));
  }

  private async withHandle<T>(
    sftp: SFTPWrapper,
    path: string,
    flags: 'r' | 'w',
    work: (handle: Buffer) => Promise<T>,
  ): Promise<T> {
    const handle = await this.request<Buffer>((done) => sftp.open(path, flags, done));
    let result: T;
    try {
      result = await work(handle);
    } catch (error) {
      // Not awaited: on a connection that stopped answering, the first failure is the one to report.
      this.request((done) => sftp.close(handle, done)).catch(() => undefined);
      throw error;
    }
    // The server reports a failed write at the latest here.
    await this.request((done) => sftp.close(handle, done));
    return result;
  }

  private list(sftp: SFTPWrapper, path: string): Promise<FileEntryWithStats[]> {
    return this.request<FileEntryWithStats[]>((done) => sftp.readdir(path, done));
  }

  private async exists(sftp: SFTPWrapper, path: string): Promise<boolean> {
    try {
      await this.request<Stats>((done) => sftp.stat(path, done));
      return true;
    } catch (error) {
      if (isStatus(error) && error.code === NO_SUCH_FILE) return false;
      throw error;
    }
  }

  private async remove(sftp: SFTPWrapper, path: string): Promise<void> {
    try {
      await this.request((done) => sftp.unlink(path, done));
    } catch (error) {
      if (!isStatus(error) || error.code !== NO_SUCH_FILE) throw error;
    }
  }

  private async ensureFolder(sftp: SFTPWrapper, path: string): Promise<void> {
    const isFolder = () =>
      this.request<Stats>((done) => sftp.stat(path, done)).then(
        (stats) => stats.isDirectory(),
        (error: unknown) => {
          if (isStatus(error) && error.code === NO_SUCH_FILE) return false;
          throw error;
        },
      );
    if (await isFolder()) return;
    try {
      await this.request((done) => sftp.mkdir(path, done));
    } catch (error) {
      // Another reader may have created it meanwhile.
      if (!(await isFolder())) throw error;
    }
  }
}

/** An answer of the SFTP server (a status code), as opposed to a failure of the connection. */
function isStatus(error: unknown): error is Error & { code: number } {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'number';
}

// Structural, not instanceof: errors of node:fs and node:net may come from another realm (as under Jest).
function describe(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error);
  if ('code' in error && typeof error.code === 'string') return error.code;
  return 'message' in error && typeof error.message === 'string' ? error.message : 'unknown error';
}
