import { describeConfig } from './describe-config';
import { loadConfig } from './load-config';

describe(describeConfig.name, () => {
  const adminKey = 'admin-key-that-is-long-enough-0123456789';
  const config = loadConfig(
    {
      DATABASE_URL: 'postgres://app:pg-pass@db:5432/contingency?sslpassword=ssl-pass',
      KAFKA_BROKERS: 'localhost:9092',
      CASIE_URL: 'https://svc:casie-pass@casie.internal/api?token=casie-token',
      CONTINGENCY_BOOTSTRAP_ADMIN_KEY: adminKey,
    },
    { service: 'casie-adapter', cwd: '/srv' },
  );

  it('masks the secret and the passwords in URLs', () => {
    const described = describeConfig(config);
    expect(described.bootstrapAdminKey).toBe('***');
    expect(described.database.url).toBe('postgres://app:***@db:5432/contingency?sslpassword=***');
    expect(described.casieUrl).toBe('https://svc:***@casie.internal/api?token=***');
    const text = JSON.stringify(described);
    for (const secret of [adminKey, 'pg-pass', 'ssl-pass', 'casie-pass', 'casie-token']) {
      expect(text).not.toContain(secret);
    }
  });

  it('keeps everything else and leaves the config untouched', () => {
    const described = describeConfig(config);
    expect(described).toMatchObject({ mode: 'distributed', service: 'casie-adapter', kafka: config.kafka });
    expect(config.bootstrapAdminKey).toBe(adminKey);
  });

  it('adds no secret fields that were not set', () => {
    const described = describeConfig(
      loadConfig({ CONTINGENCY_MODE: 'standalone' }, { service: 'standalone' }),
    );
    expect(described).not.toHaveProperty('bootstrapAdminKey');
    expect(described.database).not.toHaveProperty('url');
  });
});
