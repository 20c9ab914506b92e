import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseSetrDocument } from '../setr-document.parser';
import { createSetrValidator, type SetrValidator } from '../setr.validator';
import { expectXsdValid } from '../testing/expect-xsd-valid';
import { testXsdDir } from '../testing/xsd-dir';
import { calastoneExamples } from './calastone-examples';

const CONTRACT = resolve(__dirname, '../../../../docs/contracts/calastone-v1.md');

// A block is `<!-- example:ID -->`, a fenced xml block, `<!-- /example -->`, blank lines between (as
// prettier writes them).
function block(id: string, xml: string): string {
  return `<!-- example:${id} -->\n\n\`\`\`xml\n${xml}\`\`\`\n\n<!-- /example -->`;
}

describe(calastoneExamples.name, () => {
  let validator: SetrValidator;
  beforeAll(async () => {
    validator = await createSetrValidator(testXsdDir());
  });
  afterAll(() => validator.close());

  it('are XSD-valid in-process and with xmllint, and parse', () => {
    const examples = calastoneExamples();
    expectXsdValid(validator, examples);
    for (const example of examples)
      expect(parseSetrDocument(example.xml).messageType).toBe(example.messageType);
  });

  // UPDATE_CALASTONE_EXAMPLES=1 rewrites the blocks from the builders instead of comparing.
  it('are in docs/contracts/calastone-v1.md exactly as the builders write them', () => {
    let text = readFileSync(CONTRACT, 'utf8');
    for (const example of calastoneExamples()) {
      const pattern = new RegExp(
        `<!-- example:${example.id.replace(/\./g, '\\.')} -->[\\s\\S]*?<!-- /example -->`,
      );
      expect(text).toMatch(pattern);
      if (process.env.UPDATE_CALASTONE_EXAMPLES === '1')
        text = text.replace(pattern, () => block(example.id, example.xml));
      else expect(text.match(pattern)?.[0]).toBe(block(example.id, example.xml));
    }
    if (process.env.UPDATE_CALASTONE_EXAMPLES === '1') writeFileSync(CONTRACT, text);
  });
});
