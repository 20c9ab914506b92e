import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { xsdFileName, type SetrMessageType } from '../setr-message-types';

export interface XmllintResult {
  readonly valid: boolean;
  /** xmllint's own lines about this document. */
  readonly output: string[];
}

/**
 * Validates documents with the real libxml2 CLI (`xmllint --noout --nonet --schema`, Debian package
 * libxml2-utils), one xmllint run per message type, so tests can prove the in-process validator agrees
 * with it. Never --noent. Throws if xmllint is not installed.
 */
export function validateWithXmllint(
  xsdDir: string,
  documents: readonly { readonly messageType: SetrMessageType; readonly xml: string }[],
): XmllintResult[] {
  const dir = mkdtempSync(join(tmpdir(), 'xmllint-'));
  try {
    const files = documents.map((doc, i) => {
      const file = join(dir, `doc-${i}.xml`);
      writeFileSync(file, doc.xml);
      return file;
    });
    const results: XmllintResult[] = documents.map(() => ({ valid: false, output: [] }));
    for (const messageType of new Set(documents.map((d) => d.messageType))) {
      const indexes = documents.flatMap((d, i) => (d.messageType === messageType ? [i] : []));
      const run = spawnSync(
        'xmllint',
        [
          '--noout',
          '--nonet',
          '--schema',
          join(xsdDir, xsdFileName(messageType)),
          ...indexes.map((i) => files[i]),
        ],
        { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      );
      if (run.error)
        throw new Error(`xmllint could not run (apt-get install libxml2-utils): ${run.error.message}`);
      const lines = `${run.stdout}${run.stderr}`.split('\n').filter((l) => l !== '');
      for (const i of indexes) {
        const own = lines.filter((l) => l.startsWith(`${files[i]}:`) || l.startsWith(`${files[i]} `));
        results[i] = { valid: own.includes(`${files[i]} validates`), output: own };
      }
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
