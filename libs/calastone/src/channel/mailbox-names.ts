import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import type { InboundFile } from './calastone-channel';

/**
 * Refuses anything but a plain file name: the channel addresses files inside its own folders only, so
 * a name with a separator (or `.`/`..`) is a caller's bug, never a path to follow.
 */
export function assertPlainName(name: string): void {
  if (name === '' || name === '.' || name === '..' || /[/\\\0]/.test(name)) {
    throw new RangeError(`"${name}" is not a plain file name`);
  }
}

/** `<folder>/<name>`, both relative to the mailbox root. */
export function mailboxPath(folder: string, name: string): string {
  assertPlainName(name);
  return posix.join(folder, name);
}

/** The inbox takes only documents: regular `*.xml` files that are not hidden (in-progress uploads are). */
export function isInboundDocument(name: string): boolean {
  return name.endsWith('.xml') && !name.startsWith('.');
}

/** Oldest first, then by name (a folder listing has no order of its own), at most `limit`. */
export function oldestFirst(files: InboundFile[], limit: number): InboundFile[] {
  return files
    .sort(
      (a, b) =>
        a.modifiedAt.getTime() - b.modifiedAt.getTime() || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
    )
    .slice(0, Math.max(0, limit));
}

/** Another name for a settled document whose name is taken: `<stem>.<8 hex>.xml`, the extension kept. */
export function suffixedName(name: string): string {
  const extension = posix.extname(name);
  return `${name.slice(0, name.length - extension.length)}.${randomBytes(4).toString('hex')}${extension}`;
}

/** How many suffixed names settling tries before giving up (a clash of 32 random bits is already rare). */
export const SUFFIX_ATTEMPTS = 5;
