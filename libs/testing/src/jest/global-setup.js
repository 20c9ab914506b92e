// Integration tests talk to a real Kafka broker and a real PostgreSQL. When the caller did not point
// us at them (KAFKA_BROKERS / DATABASE_URL), start the local ones (tools/services/up.sh) and use them.
const { execFileSync } = require('node:child_process');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

module.exports = async function globalSetup() {
  const repo = join(__dirname, '..', '..', '..', '..');
  if (!process.env.KAFKA_BROKERS || !(process.env.TEST_DATABASE_URL || process.env.DATABASE_URL)) {
    execFileSync('bash', [join(repo, 'tools/services/up.sh')], { stdio: ['ignore', 'inherit', 'inherit'] });
    const env = readFileSync(join(repo, '.local/services.env'), 'utf8');
    for (const line of env.split('\n')) {
      const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
      if (match && !process.env[match[1]]) process.env[match[1]] = match[2];
    }
  }
  process.env.TEST_DATABASE_URL ??= process.env.DATABASE_URL;
  // In-process apps log only what matters; processes started by startApp log at info to their own files.
  process.env.LOG_LEVEL ??= 'warn';
};
