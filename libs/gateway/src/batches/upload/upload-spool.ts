import { mkdir, open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The raw upload on disk, kept for audit: written under a temporary name while it streams in, then
 * renamed to its SHA-256 (never the client's name) once it is complete and synced.
 */
export class UploadSpool {
  private handle: FileHandle | undefined;

  private constructor(
    private readonly dir: string,
    private readonly tempPath: string,
    handle: FileHandle,
  ) {
    this.handle = handle;
  }

  static async open(dataDir: string, batchId: string): Promise<UploadSpool> {
    const dir = join(dataDir, 'uploads');
    await mkdir(dir, { recursive: true });
    const tempPath = join(dir, `${batchId}.upload`);
    return new UploadSpool(dir, tempPath, await open(tempPath, 'wx', 0o640));
  }

  readonly write = async (chunk: Uint8Array): Promise<void> => {
    if (!this.handle) throw new Error('the upload spool is closed');
    await this.handle.write(chunk);
  };

  /** Synced and renamed to `<sha256>`; returns the final path. */
  async keepAs(sha256: string): Promise<string> {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    await this.handle?.sync();
    await this.closeHandle();
    const path = join(this.dir, sha256);
    await rename(this.tempPath, path);
    return path;
  }

  /** For a refused upload: the temporary file goes. */
  async discard(): Promise<void> {
    await this.closeHandle().catch(() => undefined);
    await unlink(this.tempPath).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }

  private async closeHandle(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    await handle?.close();
  }
}
