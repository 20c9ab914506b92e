import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allTopicJsonSchemas } from '@contingency/contracts';

// Regenerates docs/contracts/topics/*.schema.json from the zod message schemas:
// `bash tools/build.sh && node dist/tools/contracts/export-topic-schemas.js` (from the repo root)
const dir = join(process.cwd(), 'docs', 'contracts', 'topics');
for (const [topic, schema] of allTopicJsonSchemas()) {
  writeFileSync(join(dir, `${topic}.schema.json`), `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote ${topic}.schema.json`);
}
