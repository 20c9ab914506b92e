import { join, resolve } from 'node:path';
import type { z } from 'zod';
import type { AppConfig, CalastoneConfig, LoadConfigOptions, LoginConfig } from './app-config';
import { ConfigError } from './config.error';
import { deepFreeze } from './deep-freeze';
import { ENV_VARIABLES, QUOTABLE_VARIABLES, envSchema } from './env.schema';

/** Validates the environment once, at start: every problem reported together, or a typed, frozen config. */
export function loadConfig(env: NodeJS.ProcessEnv, options: LoadConfigOptions): AppConfig {
  const raw = knownVariables(env);
  const distributed = (raw.CONTINGENCY_MODE ?? 'distributed') === 'distributed';
  const parsed = envSchema(distributed).safeParse(raw);
  if (!parsed.success) throw new ConfigError(problems(parsed.error, raw));

  const vars = parsed.data;
  const mode = vars.CONTINGENCY_MODE;
  const cwd = options.cwd ?? process.cwd();
  return deepFreeze({
    mode,
    nodeEnv: vars.NODE_ENV,
    service: options.service,
    http: {
      host: vars.HOST ?? (mode === 'standalone' ? '127.0.0.1' : '0.0.0.0'),
      port: vars.PORT ?? options.defaultPort ?? 8080,
      ...(vars.TRUST_PROXY !== undefined && {
        trustProxy: /^\d+$/.test(vars.TRUST_PROXY) ? Number(vars.TRUST_PROXY) : vars.TRUST_PROXY,
      }),
    },
    log: {
      level: vars.LOG_LEVEL,
      format: vars.LOG_FORMAT ?? (vars.NODE_ENV === 'production' ? 'json' : 'pretty'),
    },
    database: {
      ...(vars.DATABASE_URL !== undefined && { url: vars.DATABASE_URL }),
      poolSize: vars.DATABASE_POOL_SIZE,
      migrate: vars.DATABASE_MIGRATE,
    },
    kafka: {
      brokers: vars.KAFKA_BROKERS ?? [],
      clientId: vars.KAFKA_CLIENT_ID ?? options.service,
      groupPrefix: vars.KAFKA_GROUP_PREFIX,
      startFrom: vars.KAFKA_START_FROM,
    },
    upload: { maxBytes: vars.UPLOAD_MAX_BYTES, maxRows: vars.UPLOAD_MAX_ROWS },
    watch: {
      ackSlaMs: vars.ACK_SLA_MINUTES * MINUTE_MS,
      cutoffWarningMs: vars.CUTOFF_WARNING_MINUTES * MINUTE_MS,
      intervalMs: vars.WATCH_INTERVAL_SECONDS * 1000,
    },
    canary: { intervalMs: vars.CANARY_INTERVAL_SECONDS * 1000 },
    dataDir: resolve(cwd, vars.DATA_DIR),
    iso20022XsdDir: resolve(cwd, vars.ISO20022_XSD_DIR),
    ...(vars.CASIE_URL !== undefined && { casieUrl: vars.CASIE_URL }),
    calastone: calastoneConfig(vars, resolve(cwd, vars.DATA_DIR), cwd),
    ...(vars.CONTINGENCY_BOOTSTRAP_ADMIN_KEY !== undefined && {
      bootstrapAdminKey: vars.CONTINGENCY_BOOTSTRAP_ADMIN_KEY,
    }),
    login: loginConfig(vars, vars.PORT ?? options.defaultPort ?? 8080, cwd),
  });
}

// Common AuthnContextClassRef values of IdPs that did a second factor (SAML 2.0, Entra ID, REFEDS).
const DEFAULT_MFA_CONTEXTS = [
  'urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract',
  'urn:oasis:names:tc:SAML:2.0:ac:classes:TimeSyncToken',
  'http://schemas.microsoft.com/claims/multipleauthn',
  'https://refeds.org/profile/mfa',
];

function loginConfig(vars: EnvVars, port: number, cwd: string): LoginConfig {
  const publicBaseUrl = vars.PUBLIC_BASE_URL ?? `http://localhost:${port}`;
  const standaloneOverHttp = vars.CONTINGENCY_MODE === 'standalone' && publicBaseUrl.startsWith('http:');
  return {
    publicBaseUrl,
    spEntityId: vars.SAML_SP_ENTITY_ID ?? `${publicBaseUrl}/auth/saml/metadata`,
    ...(vars.SAML_IDP_METADATA_FILE !== undefined && {
      idpMetadataFile: resolve(cwd, vars.SAML_IDP_METADATA_FILE),
    }),
    ...(vars.SAML_SP_SIGNING_KEY_FILE !== undefined &&
      vars.SAML_SP_SIGNING_CERT_FILE !== undefined && {
        spSigning: {
          keyFile: resolve(cwd, vars.SAML_SP_SIGNING_KEY_FILE),
          certFile: resolve(cwd, vars.SAML_SP_SIGNING_CERT_FILE),
        },
      }),
    groupAttribute: vars.SAML_GROUP_ATTRIBUTE,
    ...(vars.SAML_ROLE_MAPPING !== undefined && { roleMapping: vars.SAML_ROLE_MAPPING }),
    mfaContexts: vars.SAML_MFA_CONTEXTS ?? DEFAULT_MFA_CONTEXTS,
    requireTotp: vars.MFA_REQUIRE_TOTP,
    session: {
      idleMs: vars.SESSION_IDLE_MINUTES * MINUTE_MS,
      absoluteMs: vars.SESSION_ABSOLUTE_HOURS * 60 * MINUTE_MS,
      cookieSecure: vars.SESSION_COOKIE_SECURE ?? !standaloneOverHttp,
    },
  };
}

const MINUTE_MS = 60_000;

type EnvVars = z.infer<ReturnType<typeof envSchema>>;

function calastoneConfig(vars: EnvVars, dataDir: string, cwd: string): CalastoneConfig {
  const folders = {
    outboundDir: vars.CALASTONE_OUTBOUND_DIR,
    inboundDir: vars.CALASTONE_INBOUND_DIR,
    localRoot: join(dataDir, 'calastone'),
  };
  if (vars.CALASTONE_SFTP_URL === undefined) return folders;
  const url = new URL(vars.CALASTONE_SFTP_URL);
  return {
    ...folders,
    sftp: {
      host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: url.port === '' ? 22 : Number(url.port),
      username: decodeURIComponent(url.username),
      // Checked together in loadConfig: a URL without its key and pinned host key is refused.
      privateKeyFile: resolve(cwd, vars.CALASTONE_SFTP_PRIVATE_KEY_FILE ?? ''),
      hostKeyFingerprint: vars.CALASTONE_SFTP_HOST_KEY ?? '',
    },
  };
}

/** For main(): `config error: <the one line>` on stderr and exit code 1 instead of a stack trace. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv, options: LoadConfigOptions): AppConfig {
  try {
    return loadConfig(env, options);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`config error: ${error.message}\n`);
    return process.exit(1);
  }
}

// Only our variables, trimmed; a blank value counts as unset, as a copied .env.example line leaves it.
function knownVariables(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return Object.fromEntries(
    ENV_VARIABLES.map((name) => [name, env[name]?.trim() || undefined] as const).filter(([, value]) => value),
  );
}

function problems(error: z.ZodError, raw: Record<string, string | undefined>): string[] {
  const byVariable = new Map<string, string>();
  for (const issue of error.issues) {
    const name = String(issue.path[0]);
    if (byVariable.has(name)) continue;
    const value = raw[name];
    const quoted = value !== undefined && QUOTABLE_VARIABLES.has(name) ? ` (got ${quote(value)})` : '';
    byVariable.set(name, `${name} ${issue.message}${quoted}`);
  }
  return [...byVariable.values()];
}

const quote = (value: string): string => JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
