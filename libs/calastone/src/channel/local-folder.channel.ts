import { link, mkdir, open, readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type CalastoneChannel,
  CalastoneChannelError,
  type DeliveryResult,
  type InboundDisposition,
  type InboundFile,
} from './calastone-channel';
import {
  assertPlainName,
  isInboundDocument,
  oldestFirst,
  SUFFIX_ATTEMPTS,
  suffixedName,
} from './mailbox-names';

export interface LocalFolderChannelOptions {
  /** Absolute: the folder that holds the outbox and the inbox. */
  readonly root: string;
  /** Relative to `root`. */
  readonly outboundDir: string;
  /** Relative to `root`. */
  readonly inboundDir: string;
}

/**
 * The Calastone mailbox as two local folders (standalone mode and the simulator). Same semantics as
 * SFTP: a published name is never overwritten, so a document under its final name is always whole.
 */
export class LocalFolderChannel implements CalastoneChannel {
  readonly description: string;
  private readonly outbox: string;
  private readonly inbox: string;
  private folders?: Promise<void>;

  constructor({ root, outboundDir, inboundDir }: LocalFolderChannelOptions) {
    this.description = root;
    this.outbox = join(root, outboundDir);
    this.inbox = join(root, inboundDir);
  }

  async stage(tempName: string, content: Buffer): Promise<void> {
    const path = this.outboxPath(tempName);
    await this.ensureFolders();
    await attempt(`stage ${tempName}`, async () => {
      const file = await open(path, 'w');
      try {
        await file.writeFile(content);
        await file.sync();
      } finally {
        await file.close();
      }
    });
  }

  async publish(fileName: string, tempName: string): Promise<DeliveryResult> {
    const target = this.outboxPath(fileName);
    const temp = this.outboxPath(tempName);
    await this.ensureFolders();
    // link() never replaces an existing name, unlike rename(): a document already delivered stays as it is.
    const linked = await attempt(`publish ${fileName}`, () =>
      link(temp, target).then(
        () => true,
        async (error: unknown) => {
          if (errorCode(error) === 'EEXIST' || (errorCode(error) === 'ENOENT' && (await exists(target))))
            return false;
          throw error;
        },
      ),
    );
    await this.discard(tempName);
    if (linked) await attempt(`publish ${fileName}`, () => syncFolder(this.outbox));
    return linked ? 'written' : 'already-present';
  }

  async presentInOutbox(names: readonly string[]): Promise<Set<string>> {
    await this.ensureFolders();
    const present = new Set(await attempt('list the outbox', () => readdir(this.outbox)));
    return new Set(names.filter((name) => present.has(name)));
  }

  async discard(tempName: string): Promise<void> {
    const path = this.outboxPath(tempName);
    await attempt(`discard ${tempName}`, () => unlink(path).catch(ignore('ENOENT')));
  }

  async listInbound(limit: number): Promise<InboundFile[]> {
    await this.ensureFolders();
    const entries = await attempt('list the inbox', () => readdir(this.inbox, { withFileTypes: true }));
    const files = await Promise.all(
      entries
        .filter((entry) => entry.isFile() && isInboundDocument(entry.name))
        .map(async ({ name }) => {
          // A document settled by someone else between the listing and here is simply not listed.
          const stats = await stat(join(this.inbox, name)).catch(ignore('ENOENT'));
          return stats?.isFile() ? { name, size: stats.size, modifiedAt: stats.mtime } : undefined;
        }),
    );
    return oldestFirst(
      files.filter((file) => file !== undefined),
      limit,
    );
  }

  async readInbound(name: string, maxBytes: number): Promise<Buffer> {
    const path = this.inboxPath(name);
    return attempt(`read ${name}`, async () => {
      const file = await open(path, 'r');
      try {
        const { size } = await file.stat();
        if (size > maxBytes) throw tooLarge(name, size, maxBytes);
        const content = await file.readFile();
        if (content.length > maxBytes) throw tooLarge(name, content.length, maxBytes);
        return content;
      } finally {
        await file.close();
      }
    });
  }

  async settleInbound(name: string, disposition: InboundDisposition): Promise<void> {
    const source = this.inboxPath(name);
    const folder = join(this.inbox, disposition);
    await attempt(`settle ${name}`, async () => {
      await mkdir(folder, { recursive: true });
      // link() + unlink() rather than rename(): a document of that name already settled is never replaced.
      for (let i = 0, target = name; ; i++, target = suffixedName(name)) {
        try {
          await link(source, join(folder, target));
          break;
        } catch (error) {
          if (errorCode(error) !== 'EEXIST' || i + 1 >= SUFFIX_ATTEMPTS) throw error;
        }
      }
      await unlink(source);
    });
  }

  async close(): Promise<void> {
    // Nothing stays open between calls.
  }

  private ensureFolders(): Promise<void> {
    this.folders ??= attempt('create the mailbox folders', async () => {
      await mkdir(this.outbox, { recursive: true });
      await mkdir(this.inbox, { recursive: true });
    }).catch((error: unknown) => {
      this.folders = undefined;
      throw error;
    });
    return this.folders;
  }

  private outboxPath(name: string): string {
    assertPlainName(name);
    return join(this.outbox, name);
  }

  private inboxPath(name: string): string {
    assertPlainName(name);
    return join(this.inbox, name);
  }
}

/** Runs a file system step; what fails becomes a CalastoneChannelError naming the step. */
async function attempt<T>(what: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof CalastoneChannelError) throw error;
    const detail = errorCode(error) ?? String(error);
    throw new CalastoneChannelError('FAILED', `cannot ${what}: ${detail}`, { cause: error });
  }
}

function tooLarge(name: string, size: number, maxBytes: number): CalastoneChannelError {
  return new CalastoneChannelError(
    'TOO_LARGE',
    `${name} has ${size} bytes, more than the ${maxBytes} allowed`,
  );
}

async function syncFolder(path: string): Promise<void> {
  // The new name is durable only once its folder is: a crash must not lose a document we reported written.
  const folder = await open(path, 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}

async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(ignore('ENOENT'))) !== undefined;
}

// Structural, not instanceof: errors of node:fs may come from another realm (as under Jest).
function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}

function ignore(code: string): (error: unknown) => undefined {
  return (error) => {
    if (errorCode(error) !== code) throw error;
    return undefined;
  };
}
