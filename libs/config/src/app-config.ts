export const CONTINGENCY_MODES = ['standalone', 'distributed'] as const;
export const NODE_ENVS = ['development', 'test', 'production'] as const;
// winston's npm levels, the ones @contingency/observability accepts.
export const LOG_LEVELS = ['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly'] as const;
export const LOG_FORMATS = ['json', 'pretty'] as const;

export type ContingencyMode = (typeof CONTINGENCY_MODES)[number];
export type NodeEnv = (typeof NODE_ENVS)[number];
export type LogLevel = (typeof LOG_LEVELS)[number];
export type LogFormat = (typeof LOG_FORMATS)[number];

/** The validated, deeply frozen configuration of one process, grouped by concern. */
export interface AppConfig {
  readonly mode: ContingencyMode;
  readonly nodeEnv: NodeEnv;
  readonly service: string;
  /**
   * `trustProxy`: Express's "trust proxy" — how many proxies (or which) sit in front, so that the client
   * address (audit, rate limits) is taken from X-Forwarded-For; absent = the socket's address.
   */
  readonly http: { readonly host: string; readonly port: number; readonly trustProxy?: number | string };
  readonly log: { readonly level: LogLevel; readonly format: LogFormat };
  /** `url` is always set in distributed mode; standalone runs an embedded database when it is not. */
  readonly database: { readonly url?: string; readonly poolSize: number; readonly migrate: boolean };
  /** `brokers` is empty only in standalone mode (in-process bus). */
  readonly kafka: {
    readonly brokers: string[];
    readonly clientId: string;
    /** Prepended to every consumer group (isolates parallel test runs on one broker). */
    readonly groupPrefix: string;
    /** Where a consumer group with no committed offsets starts. */
    readonly startFrom: 'earliest' | 'latest';
  };
  /** Limits of one uploaded trade file. */
  readonly upload: { readonly maxBytes: number; readonly maxRows: number };
  readonly watch: WatchConfig;
  /** The connectivity canary: how often each service probes its dependencies (Casie, SFTP, database, bus). */
  readonly canary: { readonly intervalMs: number };
  /** Absolute. */
  readonly dataDir: string;
  /** Absolute. */
  readonly iso20022XsdDir: string;
  readonly casieUrl?: string;
  readonly calastone: CalastoneConfig;
  readonly bootstrapAdminKey?: string;
  readonly login: LoginConfig;
}

/**
 * Browser sign-in. SAML is on when `idpMetadataFile` is set (distributed) or in standalone mode (the
 * development IdP); otherwise only API keys authenticate.
 */
export interface LoginConfig {
  /** Where browsers reach the gateway, without a trailing slash: ACS, Recipient and Destination. */
  readonly publicBaseUrl: string;
  readonly spEntityId: string;
  /** Absolute. */
  readonly idpMetadataFile?: string;
  /** Absolute PEM files of our own signing key and certificate: Single Logout needs them. */
  readonly spSigning?: { readonly keyFile: string; readonly certFile: string };
  readonly groupAttribute: string;
  /** SAML_ROLE_MAPPING as given (JSON or `group=role,role;group2=role`), parsed by the auth library. */
  readonly roleMapping?: string;
  /** AuthnContextClassRef values that count as multi-factor at the IdP. */
  readonly mfaContexts: readonly string[];
  /** Ask for our own TOTP even after an IdP MFA login. */
  readonly requireTotp: boolean;
  readonly session: {
    readonly idleMs: number;
    readonly absoluteMs: number;
    readonly cookieSecure: boolean;
  };
}

/** The SLA and cut-off watch: when a trade raises ACK_OVERDUE or CUTOFF_AT_RISK, and how often it looks. */
export interface WatchConfig {
  /** How long a DISPATCHED trade may wait for its first answer from the TA. */
  readonly ackSlaMs: number;
  /** How long before its fund's cut-off a trade not yet dispatched is at risk. */
  readonly cutoffWarningMs: number;
  /** Between two looks at the ledger. */
  readonly intervalMs: number;
}

/**
 * Where Calastone documents go and come from. With `sftp`, the folders are relative to the SFTP login
 * directory; without it (standalone), they are local folders under `localRoot` (DATA_DIR/calastone).
 */
export interface CalastoneConfig {
  readonly outboundDir: string;
  readonly inboundDir: string;
  /** Absolute: DATA_DIR/calastone. */
  readonly localRoot: string;
  readonly sftp?: CalastoneSftpConfig;
}

export interface CalastoneSftpConfig {
  readonly host: string;
  readonly port: number;
  readonly username: string;
  /** Absolute path of the private key (OpenSSH format) used to log in; no password authentication. */
  readonly privateKeyFile: string;
  /** The pinned server host key: `SHA256:<base64>` as `ssh-keygen -lf` prints it. */
  readonly hostKeyFingerprint: string;
}

export interface LoadConfigOptions {
  /** The process's name: KAFKA_CLIENT_ID defaults to it, logs and metrics are labelled with it. */
  service: string;
  /** PORT when the environment sets none; 8080 if not given. */
  defaultPort?: number;
  /** Where relative DATA_DIR and ISO20022_XSD_DIR are resolved; process.cwd() if not given. */
  cwd?: string;
}
