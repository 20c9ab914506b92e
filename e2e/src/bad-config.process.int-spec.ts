import { runAppToExit } from '@contingency/testing';

describe('a service started with bad configuration', () => {
  const baseEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production' };

  it.each(['upload-gateway', 'validation-service', 'casie-adapter', 'calastone-adapter', 'ack-ingestor'])(
    '%s exits non-zero with one line naming DATABASE_URL when it is missing',
    async (app) => {
      const { code, stderr, stdout } = await runAppToExit(app, {
        ...baseEnv,
        KAFKA_BROKERS: '127.0.0.1:9092',
      });
      expect(code).not.toBe(0);
      const lines = stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/DATABASE_URL/);
      expect(stdout).toBe('');
    },
    20_000,
  );

  it('names every missing variable at once', async () => {
    const { code, stderr } = await runAppToExit('validation-service', baseEnv);
    expect(code).toBe(1);
    expect(stderr).toMatch(/DATABASE_URL/);
    expect(stderr).toMatch(/KAFKA_BROKERS/);
  }, 20_000);
});
