import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FUND_MASTER_CODES } from './fund-master.codes';

const DOC = join(__dirname, '../../../../docs/contracts/fund-master-v1.md');
const CODE_LITERAL = /'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)'/g;
const RULE_FILES = ['fund-master.parser.ts', 'fund-master.rules.ts'];

function docTable(): Map<string, string> {
  // Rows of the form "| `CODE` | `column` | …".
  const rows = readFileSync(DOC, 'utf8').matchAll(/^\|\s*`([A-Z0-9_]+)`\s*\|\s*`([a-z_*]+)`\s*\|/gm);
  return new Map([...rows].map(([, code, column]) => [code, column]));
}

describe('FUND_MASTER_CODES', () => {
  const codes = Object.keys(FUND_MASTER_CODES);
  const sources = RULE_FILES.map((file) => readFileSync(join(__dirname, file), 'utf8')).join('\n');

  // The types already make every code the rules report one of these; this catches a dead code.
  it('holds no code that neither the parser nor the rules use', () => {
    const used = new Set([...sources.matchAll(CODE_LITERAL)].map(([, code]) => code));
    expect(codes.filter((code) => !used.has(code))).toEqual([]);
  });

  it('is documented in docs/contracts/fund-master-v1.md with the same column, and nothing else is', () => {
    const documented = docTable();
    expect(
      codes.filter(
        (code) => documented.get(code) !== FUND_MASTER_CODES[code as keyof typeof FUND_MASTER_CODES],
      ),
    ).toEqual([]);
    expect([...documented.keys()].filter((code) => !codes.includes(code))).toEqual([]);
  });

  it('each has a spec', () => {
    const specs = readdirSync(__dirname)
      .filter((file) => file.endsWith('.spec.ts') && file !== 'fund-master.codes.spec.ts')
      .map((file) => readFileSync(join(__dirname, file), 'utf8'))
      .join('\n');
    expect(codes.filter((code) => !specs.includes(`'${code}'`))).toEqual([]);
  });
});
