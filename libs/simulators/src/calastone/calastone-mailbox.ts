import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { temporaryFileName } from '@contingency/iso20022';

export interface CalastoneFolders {
  /** Where our adapter drops orders. */
  outbound: string;
  /** Where Calastone's answers go (the ingestor moves them on to processed/ and rejected/). */
  inbound: string;
  /** Where order files that cannot be read are put aside, beside the outbox. */
  unreadable: string;
}

export function calastoneFolders(root: string, outboundDir: string, inboundDir: string): CalastoneFolders {
  const outbound = join(root, outboundDir);
  return {
    outbound,
    inbound: join(root, inboundDir),
    unreadable: join(dirname(outbound), 'calastone-sim-rejected'),
  };
}

/** Calastone's side of the SFTP mailbox, on the server's folders. */
export class CalastoneMailbox {
  constructor(readonly folders: CalastoneFolders) {}

  /** Order files under their final names (`*.xml`, not hidden: never a partial upload), oldest first. */
  async pendingOrders(limit: number): Promise<string[]> {
    const names = await readdir(this.folders.outbound).catch(ifMissing([] as string[]));
    const files = await Promise.all(
      names
        .filter((name) => name.endsWith('.xml') && !name.startsWith('.'))
        .map(async (name) => {
          const info = await stat(join(this.folders.outbound, name)).catch(ifMissing(undefined));
          return info?.isFile() ? { name, modifiedMs: info.mtimeMs } : undefined;
        }),
    );
    return files
      .filter((file) => file !== undefined)
      .sort((a, b) => a.modifiedMs - b.modifiedMs || a.name.localeCompare(b.name))
      .slice(0, limit)
      .map((file) => file.name);
  }

  /** The file's bytes, or undefined when it is gone. */
  read(name: string): Promise<Buffer | undefined> {
    return readFile(join(this.folders.outbound, name)).catch(ifMissing(undefined));
  }

  /** Collected: the order leaves the outbox, as it does when Calastone picks it up. */
  async remove(name: string): Promise<void> {
    await unlink(join(this.folders.outbound, name)).catch(ifMissing(undefined));
  }

  /** Moves an order file that cannot be read out of the outbox; returns where it went. */
  async setAside(name: string): Promise<string> {
    await mkdir(this.folders.unreadable, { recursive: true });
    const target = join(this.folders.unreadable, `${new Date().toISOString().replace(/[:.]/g, '')}-${name}`);
    await rename(join(this.folders.outbound, name), target);
    return target;
  }

  /** Writes an answer to the inbox atomically: a hidden temporary name, then the rename to `fileName`. */
  async deliver(fileName: string, content: string): Promise<void> {
    if (basename(fileName) !== fileName || !fileName.endsWith('.xml')) {
      throw new RangeError(`an inbox file name must be a plain *.xml name, not ${fileName}`);
    }
    await mkdir(this.folders.inbound, { recursive: true });
    const temporary = join(this.folders.inbound, temporaryFileName(fileName));
    try {
      await writeFile(temporary, content, { flush: true });
      await rename(temporary, join(this.folders.inbound, fileName));
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
  }
}

function ifMissing<T>(fallback: T): (error: unknown) => T {
  return (error) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return fallback;
    throw error;
  };
}
