import { z } from 'zod';
import { CONTINGENCY_MODES, LOG_FORMATS, LOG_LEVELS, NODE_ENVS } from './app-config';

export const DATABASE_URL_EXAMPLE = 'postgres://user:pass@host:5432/db';
export const KAFKA_BROKERS_EXAMPLE = 'host:9092,host2:9092';

/** Variables whose bad value may be quoted back in an error: no URLs (passwords), no secrets. */
export const QUOTABLE_VARIABLES: ReadonlySet<string> = new Set([
  'CONTINGENCY_MODE',
  'NODE_ENV',
  'LOG_LEVEL',
  'LOG_FORMAT',
  'PORT',
  'DATABASE_POOL_SIZE',
  'DATABASE_MIGRATE',
  'ACK_SLA_MINUTES',
  'CUTOFF_WARNING_MINUTES',
  'WATCH_INTERVAL_SECONDS',
  'CANARY_INTERVAL_SECONDS',
  'CALASTONE_OUTBOUND_DIR',
  'CALASTONE_INBOUND_DIR',
  'SESSION_IDLE_MINUTES',
  'SESSION_ABSOLUTE_HOURS',
  'SESSION_COOKIE_SECURE',
  'MFA_REQUIRE_TOTP',
]);

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `must be one of ${values.join(', ')}` });

function integer(min: number, max: number) {
  const error = `must be an integer from ${min} to ${max}`;
  return z
    .string()
    .regex(/^\d+$/, { error })
    .transform(Number)
    .refine((value) => value >= min && value <= max, { error });
}

const boolean = z
  .string()
  .toLowerCase()
  .pipe(z.enum(['true', 'false', '1', '0'], { error: 'must be true, false, 1 or 0' }))
  .transform((value) => value === 'true' || value === '1');

function url(protocols: string[], error: string) {
  return z.string().refine((value) => URL.canParse(value) && protocols.includes(new URL(value).protocol), {
    error,
  });
}

function hostPort(value: string): boolean {
  const match = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_.-]+):(\d{1,5})$/.exec(value);
  return match !== null && Number(match[2]) >= 1 && Number(match[2]) <= 65535;
}

function sftpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return url.protocol === 'sftp:' && url.username !== '' && url.password === '' && url.hostname !== '';
}

// A folder under the SFTP login directory (or under DATA_DIR/calastone): never absolute, never "..".
const relativeDir = z.string().refine((value) => !value.startsWith('/') && !value.split('/').includes('..'), {
  error: 'must be a relative folder without ".." (outbound)',
});

const splitList = (value: string): string[] =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function insecureCookieAllowed(vars: {
  NODE_ENV: string;
  CONTINGENCY_MODE: string;
  PUBLIC_BASE_URL?: string;
}): boolean {
  if (vars.NODE_ENV === 'production') return false;
  if (vars.NODE_ENV !== 'development' && vars.CONTINGENCY_MODE !== 'standalone') return false;
  if (vars.PUBLIC_BASE_URL === undefined) return true; // http://localhost:PORT
  const base = new URL(vars.PUBLIC_BASE_URL);
  return base.protocol === 'http:' && LOOPBACK_HOSTS.has(base.hostname);
}

const requiredWhenDistributed = (example: string) => `is required in distributed mode (${example})`;

/**
 * The environment after blanks are dropped (an empty `CASIE_URL=` line means "not set").
 * `distributed` makes the database and the brokers required.
 */
export function envSchema(distributed: boolean) {
  const databaseUrl = url(['postgres:', 'postgresql:'], `must be a postgres URL (${DATABASE_URL_EXAMPLE})`);
  const brokersError = `must be a comma-separated list of host:port (${KAFKA_BROKERS_EXAMPLE})`;
  const brokers = z
    .string()
    .transform(splitList)
    .pipe(z.array(z.string().refine(hostPort, { error: brokersError })).min(1, { error: brokersError }));

  return z
    .object({
      CONTINGENCY_MODE: oneOf(CONTINGENCY_MODES).default('distributed'),
      NODE_ENV: oneOf(NODE_ENVS).default('development'),
      LOG_LEVEL: oneOf(LOG_LEVELS).default('info'),
      LOG_FORMAT: oneOf(LOG_FORMATS).optional(),
      PORT: integer(1, 65535).optional(),
      HOST: z
        .string()
        .regex(/^[^\s/]+$/, { error: 'must be a host name or IP address to listen on (0.0.0.0)' })
        .optional(),
      TRUST_PROXY: z
        .string()
        .regex(/^(\d{1,2}|loopback|linklocal|uniquelocal|[0-9a-fA-F.:/]+(,[0-9a-fA-F.:/]+)*)$/, {
          error: 'must be the number of proxies in front (1), loopback, or a list of proxy addresses/CIDRs',
        })
        .optional(),
      DATABASE_URL: distributed
        ? z.string({ error: requiredWhenDistributed(DATABASE_URL_EXAMPLE) }).pipe(databaseUrl)
        : databaseUrl.optional(),
      DATABASE_POOL_SIZE: integer(1, 100).default(10),
      DATABASE_MIGRATE: boolean.default(true),
      KAFKA_BROKERS: distributed
        ? z.string({ error: requiredWhenDistributed(KAFKA_BROKERS_EXAMPLE) }).pipe(brokers)
        : brokers.optional(),
      KAFKA_CLIENT_ID: z
        .string()
        .regex(/^[A-Za-z0-9._-]+$/, { error: 'may contain only letters, digits, ".", "_" and "-"' })
        .optional(),
      KAFKA_GROUP_PREFIX: z
        .string()
        .regex(/^[A-Za-z0-9._-]*$/, { error: 'may contain only letters, digits, ".", "_" and "-"' })
        .default(''),
      KAFKA_START_FROM: z
        .enum(['earliest', 'latest'], { error: 'must be earliest or latest' })
        .default('earliest'),
      UPLOAD_MAX_BYTES: integer(1, 8 * 1024 ** 3).default(256 * 1024 * 1024),
      UPLOAD_MAX_ROWS: integer(1, 10_000_000).default(1_000_000),
      ACK_SLA_MINUTES: integer(1, 1440).default(15),
      CUTOFF_WARNING_MINUTES: integer(1, 1440).default(30),
      WATCH_INTERVAL_SECONDS: integer(1, 3600).default(30),
      CANARY_INTERVAL_SECONDS: integer(1, 3600).default(30),
      DATA_DIR: z.string().default('./data'),
      ISO20022_XSD_DIR: z.string().default('../shared/iso20022'),
      CASIE_URL: url(['http:', 'https:'], 'must be an http(s) URL (https://casie.example.com)').optional(),
      CALASTONE_SFTP_URL: z
        .string()
        .refine(sftpUrl, { error: 'must be sftp://user@host[:port] (no password: key authentication only)' })
        .optional(),
      CALASTONE_SFTP_PRIVATE_KEY_FILE: z.string().optional(),
      CALASTONE_SFTP_HOST_KEY: z
        .string()
        .regex(/^SHA256:[A-Za-z0-9+/]{43}=?$/, {
          error: 'must be the server host key fingerprint as ssh-keygen -lf prints it (SHA256:...)',
        })
        .optional(),
      CALASTONE_OUTBOUND_DIR: relativeDir.default('outbound'),
      CALASTONE_INBOUND_DIR: relativeDir.default('inbound'),
      CONTINGENCY_BOOTSTRAP_ADMIN_KEY: z
        .string()
        .min(32, { error: 'must be at least 32 characters when set (openssl rand -base64 32)' })
        .optional(),
      PUBLIC_BASE_URL: url(
        ['http:', 'https:'],
        'must be the http(s) URL browsers use (https://contingency.example.com)',
      )
        .transform((value) => value.replace(/\/+$/, ''))
        .optional(),
      SAML_IDP_METADATA_FILE: z.string().optional(),
      SAML_SP_ENTITY_ID: z.string().min(1).optional(),
      SAML_SP_SIGNING_KEY_FILE: z.string().optional(),
      SAML_SP_SIGNING_CERT_FILE: z.string().optional(),
      SAML_GROUP_ATTRIBUTE: z.string().min(1).default('groups'),
      SAML_ROLE_MAPPING: z.string().optional(),
      SAML_MFA_CONTEXTS: z.string().transform(splitList).optional(),
      MFA_REQUIRE_TOTP: boolean.default(false),
      SESSION_IDLE_MINUTES: integer(1, 1440).default(30),
      SESSION_ABSOLUTE_HOURS: integer(1, 168).default(12),
      SESSION_COOKIE_SECURE: boolean.optional(),
    })
    .superRefine((vars, ctx) => {
      // The pair or nothing: without both there is no Single Logout (logout stays local).
      const signing = [vars.SAML_SP_SIGNING_KEY_FILE, vars.SAML_SP_SIGNING_CERT_FILE];
      if (signing.some((v) => v !== undefined) && signing.some((v) => v === undefined)) {
        const missing =
          vars.SAML_SP_SIGNING_KEY_FILE === undefined
            ? 'SAML_SP_SIGNING_KEY_FILE'
            : 'SAML_SP_SIGNING_CERT_FILE';
        ctx.addIssue({
          code: 'custom',
          path: [missing],
          message: 'is required with the other SAML_SP_SIGNING_* file (both, or neither)',
        });
      }
      if (vars.SAML_IDP_METADATA_FILE !== undefined && vars.PUBLIC_BASE_URL === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['PUBLIC_BASE_URL'],
          message: 'is required when SAML_IDP_METADATA_FILE is set (the ACS URL is built from it)',
        });
      }
      // A cookie without Secure only for a browser on this machine, never in production.
      if (vars.SESSION_COOKIE_SECURE === false && !insecureCookieAllowed(vars)) {
        ctx.addIssue({
          code: 'custom',
          path: ['SESSION_COOKIE_SECURE'],
          message:
            'may be false only with PUBLIC_BASE_URL on http://localhost (or 127.0.0.1) in development or standalone mode',
        });
      }
      if (vars.CALASTONE_SFTP_URL === undefined) return;
      // Key authentication and a pinned host key, or no SFTP at all: never trust a server on first use.
      for (const name of ['CALASTONE_SFTP_PRIVATE_KEY_FILE', 'CALASTONE_SFTP_HOST_KEY'] as const) {
        if (vars[name] === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: [name],
            message: 'is required when CALASTONE_SFTP_URL is set',
          });
        }
      }
    });
}

export type EnvVariable = keyof z.infer<ReturnType<typeof envSchema>>;

export const ENV_VARIABLES = Object.keys(envSchema(true).shape) as EnvVariable[];
