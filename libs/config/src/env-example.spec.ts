import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENV_VARIABLES } from './env.schema';
import { loadConfig } from './load-config';

// .env.example is the newcomer's list of variables: keep it in step with the schema.
const lines = readFileSync(join(__dirname, '../../../.env.example'), 'utf8').split('\n');
const documented = lines.flatMap((line) => /^#? ?([A-Z0-9_]+)=/.exec(line)?.[1] ?? []);
const set = Object.fromEntries(
  lines.flatMap((line) => {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line);
    return match ? [[match[1], match[2]]] : [];
  }),
);

describe('.env.example', () => {
  it('documents every variable the config reads, once', () => {
    expect([...documented].sort()).toEqual([...ENV_VARIABLES].sort());
  });

  it('lists the variables required in distributed mode first, set, and enough to start', () => {
    expect(documented.slice(0, 2)).toEqual(['DATABASE_URL', 'KAFKA_BROKERS']);
    expect(Object.keys(set)).toEqual(['DATABASE_URL', 'KAFKA_BROKERS']);
    expect(loadConfig(set, { service: 'upload-gateway' }).mode).toBe('distributed');
  });
});
