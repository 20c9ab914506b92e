import { CliError } from './cli.error';
import type { CliDeps } from './cli-deps';

/** A local file for a command, or a one-line error naming it. */
export async function localFile<T>(path: string, open: (path: string) => Promise<T>): Promise<T> {
  try {
    return await open(path);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : error instanceof Error
              ? error.message
              : String(error);
    throw new CliError(`cannot read ${path}: ${why}`);
  }
}

export const readLocalFile = (deps: CliDeps, path: string) => localFile(path, deps.readFile);
