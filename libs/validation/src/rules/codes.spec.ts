import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VALIDATION_CODES } from './codes';

const DOC = join(__dirname, '../../../../docs/contracts/validation-codes.md');
// Code-shaped literals: upper-case words joined by underscores, e.g. 'AMOUNT_FORMAT'.
const CODE_LITERAL = /'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)'/g;

function ruleSources(): { file: string; text: string }[] {
  return readdirSync(__dirname)
    .filter((file) => file.endsWith('.ts') && !/\.(spec|fixtures)\.ts$/.test(file) && file !== 'codes.ts')
    .map((file) => ({ file, text: readFileSync(join(__dirname, file), 'utf8') }));
}

function docTable(): Map<string, string> {
  // Rows of the form "| `CODE` | `column` | …".
  const rows = readFileSync(DOC, 'utf8').matchAll(/^\|\s*`([A-Z0-9_]+)`\s*\|\s*`([a-z_]+)`\s*\|/gm);
  return new Map([...rows].map(([, code, column]) => [code, column]));
}

describe('VALIDATION_CODES', () => {
  const codes = Object.keys(VALIDATION_CODES);

  it('holds every code the rules use', () => {
    const used = ruleSources().flatMap(({ file, text }) =>
      [...text.matchAll(CODE_LITERAL)].map(([, code]) => ({ file, code })),
    );
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter(({ code }) => !codes.includes(code))).toEqual([]);
  });

  it('holds no code that no rule uses', () => {
    const sources = ruleSources()
      .map(({ text }) => text)
      .join('\n');
    expect(codes.filter((code) => !sources.includes(`'${code}'`))).toEqual([]);
  });

  it('is documented in docs/contracts/validation-codes.md with the same column', () => {
    const documented = docTable();
    expect(codes.filter((code) => !documented.has(code))).toEqual([]);
    expect(
      codes.filter(
        (code) => documented.get(code) !== VALIDATION_CODES[code as keyof typeof VALIDATION_CODES].column,
      ),
    ).toEqual([]);
  });

  it('is the whole list the document gives', () => {
    expect([...docTable().keys()].filter((code) => !codes.includes(code))).toEqual([]);
  });

  it('uses stable UPPER_SNAKE names', () => {
    for (const code of codes) expect(code).toMatch(/^[A-Z]+(?:_[A-Z]+)+$/);
  });
});
