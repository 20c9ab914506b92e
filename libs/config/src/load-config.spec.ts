import { ConfigError } from './config.error';
import { loadConfig, loadConfigOrExit } from './load-config';

const service = { service: 'upload-gateway', cwd: '/srv/contingency' };
const distributedEnv = {
  DATABASE_URL: 'postgres://app:pg-pass@db:5432/contingency',
  KAFKA_BROKERS: 'kafka-1:9092, kafka-2:9092',
};
const ADMIN_KEY = 'k'.repeat(32);

function problemOf(env: NodeJS.ProcessEnv, options = service): string {
  try {
    loadConfig(env, options);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe(loadConfig.name, () => {
  it('applies the defaults of a distributed service', () => {
    expect(loadConfig(distributedEnv, service)).toEqual({
      mode: 'distributed',
      nodeEnv: 'development',
      service: 'upload-gateway',
      http: { host: '0.0.0.0', port: 8080 },
      log: { level: 'info', format: 'pretty' },
      database: { url: 'postgres://app:pg-pass@db:5432/contingency', poolSize: 10, migrate: true },
      kafka: {
        brokers: ['kafka-1:9092', 'kafka-2:9092'],
        clientId: 'upload-gateway',
        groupPrefix: '',
        startFrom: 'earliest',
      },
      upload: { maxBytes: 268435456, maxRows: 1000000 },
      watch: { ackSlaMs: 900_000, cutoffWarningMs: 1_800_000, intervalMs: 30_000 },
      canary: { intervalMs: 30_000 },
      dataDir: '/srv/contingency/data',
      iso20022XsdDir: '/srv/shared/iso20022',
      calastone: {
        outboundDir: 'outbound',
        inboundDir: 'inbound',
        localRoot: '/srv/contingency/data/calastone',
      },
      login: {
        publicBaseUrl: 'http://localhost:8080',
        spEntityId: 'http://localhost:8080/auth/saml/metadata',
        groupAttribute: 'groups',
        mfaContexts: expect.arrayContaining(['https://refeds.org/profile/mfa']),
        requireTotp: false,
        session: { idleMs: 1_800_000, absoluteMs: 43_200_000, cookieSecure: true },
      },
    });
  });

  it('reads SAML sign-in and refuses an insecure session cookie outside localhost development', () => {
    const saml = {
      ...distributedEnv,
      PUBLIC_BASE_URL: 'https://contingency.example.com/',
      SAML_IDP_METADATA_FILE: 'idp.xml',
      SAML_ROLE_MAPPING: 'ops=operator',
      SAML_MFA_CONTEXTS: 'urn:a, urn:b',
      SESSION_IDLE_MINUTES: '10',
    };
    expect(loadConfig(saml, service).login).toMatchObject({
      publicBaseUrl: 'https://contingency.example.com',
      spEntityId: 'https://contingency.example.com/auth/saml/metadata',
      idpMetadataFile: '/srv/contingency/idp.xml',
      roleMapping: 'ops=operator',
      mfaContexts: ['urn:a', 'urn:b'],
      session: { idleMs: 600_000, cookieSecure: true },
    });
    expect(problemOf({ ...distributedEnv, SAML_IDP_METADATA_FILE: 'idp.xml' })).toMatch(
      /^PUBLIC_BASE_URL is required when SAML_IDP_METADATA_FILE is set/,
    );
    expect(
      loadConfig(
        { ...saml, SAML_SP_SIGNING_KEY_FILE: 'sp.key', SAML_SP_SIGNING_CERT_FILE: 'sp.crt' },
        service,
      ).login.spSigning,
    ).toEqual({ keyFile: '/srv/contingency/sp.key', certFile: '/srv/contingency/sp.crt' });
    expect(problemOf({ ...saml, SAML_SP_SIGNING_KEY_FILE: 'sp.key' })).toBe(
      'SAML_SP_SIGNING_CERT_FILE is required with the other SAML_SP_SIGNING_* file (both, or neither)',
    );
    expect(problemOf({ ...saml, SESSION_COOKIE_SECURE: 'false' })).toMatch(
      /^SESSION_COOKIE_SECURE may be false only/,
    );
    const local = {
      ...distributedEnv,
      PUBLIC_BASE_URL: 'http://localhost:8080',
      SESSION_COOKIE_SECURE: 'false',
    };
    expect(loadConfig(local, service).login.session.cookieSecure).toBe(false);
    expect(problemOf({ ...local, NODE_ENV: 'production' })).toMatch(/^SESSION_COOKIE_SECURE/);
  });

  it('reads the Calastone SFTP channel, and only with its key and pinned host key', () => {
    const sftp = {
      ...distributedEnv,
      CALASTONE_SFTP_URL: 'sftp://mosaic@sftp.calastone.example:2222',
      CALASTONE_SFTP_PRIVATE_KEY_FILE: 'keys/calastone',
      CALASTONE_SFTP_HOST_KEY: `SHA256:${'A'.repeat(43)}`,
      CALASTONE_OUTBOUND_DIR: 'to-calastone',
    };
    expect(loadConfig(sftp, service).calastone).toEqual({
      outboundDir: 'to-calastone',
      inboundDir: 'inbound',
      localRoot: '/srv/contingency/data/calastone',
      sftp: {
        host: 'sftp.calastone.example',
        port: 2222,
        username: 'mosaic',
        privateKeyFile: '/srv/contingency/keys/calastone',
        hostKeyFingerprint: `SHA256:${'A'.repeat(43)}`,
      },
    });
    expect(problemOf({ ...distributedEnv, CALASTONE_SFTP_URL: 'sftp://mosaic@sftp.example' })).toBe(
      'CALASTONE_SFTP_PRIVATE_KEY_FILE is required when CALASTONE_SFTP_URL is set; ' +
        'CALASTONE_SFTP_HOST_KEY is required when CALASTONE_SFTP_URL is set',
    );
    expect(problemOf({ ...sftp, CALASTONE_SFTP_URL: 'sftp://mosaic:secret@sftp.example' })).toBe(
      'CALASTONE_SFTP_URL must be sftp://user@host[:port] (no password: key authentication only)',
    );
    expect(problemOf({ ...sftp, CALASTONE_SFTP_HOST_KEY: 'ssh-ed25519 AAAA' })).toMatch(
      /^CALASTONE_SFTP_HOST_KEY must be the server host key fingerprint/,
    );
    expect(problemOf({ ...sftp, CALASTONE_INBOUND_DIR: '../etc' })).toBe(
      'CALASTONE_INBOUND_DIR must be a relative folder without ".." (outbound) (got "../etc")',
    );
  });

  it('reads the watch timings as milliseconds and names a bad one', () => {
    const watch = { ACK_SLA_MINUTES: '5', CUTOFF_WARNING_MINUTES: '60', WATCH_INTERVAL_SECONDS: '10' };
    expect(loadConfig({ ...distributedEnv, ...watch }, service).watch).toEqual({
      ackSlaMs: 300_000,
      cutoffWarningMs: 3_600_000,
      intervalMs: 10_000,
    });
    expect(problemOf({ ...distributedEnv, ACK_SLA_MINUTES: '0' })).toBe(
      'ACK_SLA_MINUTES must be an integer from 1 to 1440 (got "0")',
    );
    expect(problemOf({ ...distributedEnv, CUTOFF_WARNING_MINUTES: 'half an hour' })).toBe(
      'CUTOFF_WARNING_MINUTES must be an integer from 1 to 1440 (got "half an hour")',
    );
    expect(problemOf({ ...distributedEnv, WATCH_INTERVAL_SECONDS: '3601' })).toBe(
      'WATCH_INTERVAL_SECONDS must be an integer from 1 to 3600 (got "3601")',
    );
  });

  it('reads the canary interval as milliseconds and names a bad one', () => {
    expect(loadConfig({ ...distributedEnv, CANARY_INTERVAL_SECONDS: '5' }, service).canary).toEqual({
      intervalMs: 5_000,
    });
    expect(problemOf({ ...distributedEnv, CANARY_INTERVAL_SECONDS: '0' })).toBe(
      'CANARY_INTERVAL_SECONDS must be an integer from 1 to 3600 (got "0")',
    );
  });

  it('reads every variable, typed and camelCase', () => {
    const config = loadConfig(
      {
        ...distributedEnv,
        NODE_ENV: 'production',
        LOG_LEVEL: 'debug',
        PORT: '3001',
        HOST: '10.0.0.5',
        TRUST_PROXY: '1',
        DATABASE_POOL_SIZE: '4',
        DATABASE_MIGRATE: '0',
        KAFKA_CLIENT_ID: 'gateway-1',
        DATA_DIR: '/var/lib/contingency',
        ISO20022_XSD_DIR: 'xsd',
        CASIE_URL: 'https://casie.internal/api',
        CONTINGENCY_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
      },
      { ...service, defaultPort: 3000 },
    );
    expect(config).toMatchObject({
      nodeEnv: 'production',
      http: { host: '10.0.0.5', port: 3001, trustProxy: 1 },
      log: { level: 'debug', format: 'json' },
      database: { poolSize: 4, migrate: false },
      kafka: { clientId: 'gateway-1' },
      dataDir: '/var/lib/contingency',
      iso20022XsdDir: '/srv/contingency/xsd',
      casieUrl: 'https://casie.internal/api',
      bootstrapAdminKey: ADMIN_KEY,
    });
  });

  it('takes the service’s default port and accepts booleans as true/false/1/0', () => {
    expect(loadConfig(distributedEnv, { ...service, defaultPort: 3002 }).http.port).toBe(3002);
    for (const [value, expected] of [
      ['true', true],
      ['FALSE', false],
      ['1', true],
      ['0', false],
    ] as const) {
      expect(loadConfig({ ...distributedEnv, DATABASE_MIGRATE: value }, service).database.migrate).toBe(
        expected,
      );
    }
  });

  it('explains a missing DATABASE_URL in distributed mode in one line', () => {
    expect(problemOf({ KAFKA_BROKERS: 'localhost:9092' })).toBe(
      'DATABASE_URL is required in distributed mode (postgres://user:pass@host:5432/db)',
    );
  });

  it('reports every problem on one line, separated by "; "', () => {
    const message = problemOf({ PORT: 'eighty', LOG_FORMAT: 'xml' });
    expect(message).toBe(
      [
        'LOG_FORMAT must be one of json, pretty (got "xml")',
        'PORT must be an integer from 1 to 65535 (got "eighty")',
        'DATABASE_URL is required in distributed mode (postgres://user:pass@host:5432/db)',
        'KAFKA_BROKERS is required in distributed mode (host:9092,host2:9092)',
      ].join('; '),
    );
    expect(message).not.toContain('\n');
  });

  it.each(['0', '65536', '80.5', '-1'])('names PORT when it is %s', (port) => {
    expect(problemOf({ ...distributedEnv, PORT: port })).toBe(
      `PORT must be an integer from 1 to 65535 (got "${port}")`,
    );
  });

  it('needs neither database nor brokers in standalone mode, and listens on loopback', () => {
    const config = loadConfig({ CONTINGENCY_MODE: 'standalone' }, service);
    expect(config).toMatchObject({ mode: 'standalone', http: { host: '127.0.0.1', port: 8080 } });
    expect(config.database.url).toBeUndefined();
    expect(config.kafka.brokers).toEqual([]);
  });

  it('still validates what standalone mode is given', () => {
    expect(problemOf({ CONTINGENCY_MODE: 'standalone', KAFKA_BROKERS: 'localhost' })).toBe(
      'KAFKA_BROKERS must be a comma-separated list of host:port (host:9092,host2:9092)',
    );
  });

  it('treats blank values as unset', () => {
    const config = loadConfig({ ...distributedEnv, CASIE_URL: '', PORT: '  ', NODE_ENV: '' }, service);
    expect(config.casieUrl).toBeUndefined();
    expect(config.http.port).toBe(8080);
    expect(config.nodeEnv).toBe('development');
  });

  it('names a bad mode without guessing which variables that mode would need', () => {
    expect(problemOf({ CONTINGENCY_MODE: 'solo' })).toBe(
      'CONTINGENCY_MODE must be one of standalone, distributed (got "solo")',
    );
  });

  it('never quotes a URL or a secret back in an error', () => {
    const message = problemOf({
      DATABASE_URL: 'mysql://app:pg-pass@db/contingency',
      KAFKA_BROKERS: 'localhost:9092',
      CASIE_URL: 'ftp://u:casie-pass@casie',
      CONTINGENCY_BOOTSTRAP_ADMIN_KEY: 'short-secret-value',
    });
    expect(message).toBe(
      [
        'DATABASE_URL must be a postgres URL (postgres://user:pass@host:5432/db)',
        'CASIE_URL must be an http(s) URL (https://casie.example.com)',
        'CONTINGENCY_BOOTSTRAP_ADMIN_KEY must be at least 32 characters when set (openssl rand -base64 32)',
      ].join('; '),
    );
    for (const secret of ['pg-pass', 'casie-pass', 'short-secret-value'])
      expect(message).not.toContain(secret);
  });

  it('returns a deeply frozen config', () => {
    const config = loadConfig(distributedEnv, service);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.http)).toBe(true);
    expect(() => config.kafka.brokers.push('x:1')).toThrow(TypeError);
  });
});

describe(loadConfigOrExit.name, () => {
  afterEach(() => jest.restoreAllMocks());

  it('prints one line to stderr and exits with code 1', () => {
    const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const exit = jest.spyOn(process, 'exit').mockImplementation((() => undefined) as never);

    loadConfigOrExit({ KAFKA_BROKERS: 'localhost:9092' }, service);

    expect(write).toHaveBeenCalledWith(
      'config error: DATABASE_URL is required in distributed mode (postgres://user:pass@host:5432/db)\n',
    );
    expect(exit).toHaveBeenCalledWith(1);
  });

  it('returns the config when it is valid', () => {
    expect(loadConfigOrExit(distributedEnv, service).mode).toBe('distributed');
  });
});
