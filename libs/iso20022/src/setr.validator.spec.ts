import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSetrOrder } from './setr-order.builder';
import { createSetrValidator, SetrValidatorError, type SetrValidator } from './setr.validator';
import { anOrder } from './testing/order.factory';
import { validateWithXmllint } from './testing/xmllint';
import { testXsdDir } from './testing/xsd-dir';

const createdAt = new Date('2025-03-14T09:30:00Z');
const good = buildSetrOrder(anOrder(), { createdAt });

describe(createSetrValidator.name, () => {
  let validator: SetrValidator;
  beforeAll(async () => {
    validator = await createSetrValidator(testXsdDir());
  });
  afterAll(() => validator.close());

  it('compiles every official XSD it knows from the folder, and says which are missing', () => {
    expect([...validator.messageTypes].sort()).toEqual([
      'setr.004.001.04',
      'setr.006.001.05',
      'setr.010.001.04',
      'setr.012.001.05',
      'setr.016.001.04',
    ]);
    expect(validator.supports('setr.012.001.04')).toBe(false);
    expect(validator.validate('setr.012.001.04', good.xml)).toEqual({
      valid: false,
      errors: [`no XSD for setr.012.001.04 in ${testXsdDir()}`],
    });
  });

  it.each<[string, (xml: string) => string, RegExp]>([
    ['six decimals', (x) => x.replace('1000.50', '1000.123456'), /fractionDigits/],
    ['a 36-character account', (x) => x.replace('ACC-1001', 'A'.repeat(36)), /maxLength/],
    ['a lower-case ISIN', (x) => x.replace('LU0123456789', 'lu0123456789'), /pattern/],
    [
      'a missing PhysDlvryInd',
      (x) => x.replace(/\s*<PhysDlvryInd>false<\/PhysDlvryInd>/, ''),
      /PhysDlvryInd/,
    ],
    [
      'elements out of order',
      (x) => x.replace(/(\s*<OrdrRef>.*<\/OrdrRef>)(\s*<ClntRef>.*<\/ClntRef>)/, '$2$1'),
      /ClntRef|OrdrRef/,
    ],
    ['amount and units both', (x) => x.replace('</GrssAmt>', '</GrssAmt><UnitsNb>1</UnitsNb>'), /UnitsNb/],
    ['an impossible date', (x) => x.replace('2025-03-18', '2025-02-30'), /CshSttlmDt/],
    ['another namespace', (x) => x.replace('setr.010.001.04', 'setr.010.001.03'), /Document/],
    ['not well-formed', (x) => x.replace('</SbcptOrdr>', ''), /./],
  ])('refuses %s, as xmllint does', (_case, corrupt, message) => {
    const xml = corrupt(good.xml);
    expect(xml).not.toBe(good.xml);
    const result = validator.validate('setr.010.001.04', xml);
    expect(result.valid).toBe(false);
    if (!result.valid) expect(result.errors.join('\n')).toMatch(message);
    expect(validateWithXmllint(testXsdDir(), [{ messageType: 'setr.010.001.04', xml }])[0].valid).toBe(false);
  });

  it('validates a document against the type asked for, not the one it claims', () => {
    expect(validator.validate('setr.004.001.04', good.xml).valid).toBe(false);
  });

  it('refuses a DOCTYPE or ENTITY without parsing it', () => {
    const xxe = good.xml.replace(
      '<Document',
      '<!DOCTYPE Document [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<Document',
    );
    expect(validator.validate('setr.010.001.04', xxe)).toEqual({
      valid: false,
      errors: ['a DOCTYPE or ENTITY declaration is not allowed in a setr document'],
    });
  });

  it('follows no schemaLocation hint (nothing is fetched)', () => {
    const hinted = good.xml.replace(
      '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:setr.010.001.04"',
      '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:setr.010.001.04" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="urn:iso:std:iso:20022:tech:xsd:setr.010.001.04 http://127.0.0.1:9/setr.010.001.04.xsd"',
    );
    const started = Date.now();
    expect(validator.validate('setr.010.001.04', hinted)).toEqual({ valid: true });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('is reusable and fast: thousands of documents a second once the XSDs are compiled', () => {
    const count = 1000;
    const started = performance.now();
    for (let i = 0; i < count; i++) expect(validator.validate('setr.010.001.04', good.xml).valid).toBe(true);
    const perSecond = count / ((performance.now() - started) / 1000);
    expect(perSecond).toBeGreaterThan(500);
  });
});

describe('SetrValidator lifecycle', () => {
  it('refuses a folder that does not exist, naming ISO20022_XSD_DIR', async () => {
    await expect(createSetrValidator('/nonexistent/iso20022')).rejects.toThrow(/ISO20022_XSD_DIR/);
  });

  it('starts on a folder with only some XSDs, and on an empty one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xsd-'));
    try {
      const empty = await createSetrValidator(dir);
      expect(empty.messageTypes).toEqual([]);
      await empty.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails to start, clearly, on an XSD that is not a schema', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xsd-'));
    try {
      writeFileSync(join(dir, 'setr.010.001.04.xsd'), '<not-a-schema/>');
      await expect(createSetrValidator(dir)).rejects.toThrow(/did not start: .*setr\.010\.001\.04\.xsd/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('throws SetrValidatorError once closed', async () => {
    const validator = await createSetrValidator(testXsdDir());
    await validator.close();
    expect(() => validator.validate('setr.010.001.04', good.xml)).toThrow(SetrValidatorError);
  });
});
