import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allTopicJsonSchemas } from './json-schemas';

// The published JSON Schemas are generated from the zod schemas the services validate with; this fails
// when a message changes and docs/contracts/topics was not regenerated (tools/contracts/export-topic-schemas).
describe(allTopicJsonSchemas.name, () => {
  it.each(allTopicJsonSchemas())('docs/contracts/topics/%s.schema.json is up to date', (topic, schema) => {
    const file = join(__dirname, '..', '..', '..', 'docs', 'contracts', 'topics', `${topic}.schema.json`);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(schema);
  });
});
