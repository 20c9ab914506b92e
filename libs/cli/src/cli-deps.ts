/** Everything a command touches outside itself: swapped for fakes in the specs. */
export interface CliDeps {
  env: Readonly<Record<string, string | undefined>>;
  fetch: typeof fetch;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readFile: (path: string) => Promise<Uint8Array>;
  /** A Blob backed by the file on disk (fs.openAsBlob): streamed, never read whole into memory. */
  openAsBlob: (path: string) => Promise<Blob>;
  sleep: (ms: number) => Promise<void>;
  /** Applies the ledger migrations to the database at `url`; returns the names applied. */
  migrate: (url: string) => Promise<string[]>;
}
