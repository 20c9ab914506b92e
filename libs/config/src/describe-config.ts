import type { AppConfig } from './app-config';

const MASK = '***';
const SECRET_PARAM = /password|secret|token|key/i;

/** A copy of the config that is safe to log: secrets and URL passwords masked. */
export function describeConfig(config: AppConfig): AppConfig {
  return {
    ...config,
    http: { ...config.http },
    log: { ...config.log },
    database: {
      ...config.database,
      ...(config.database.url !== undefined && { url: maskUrl(config.database.url) }),
    },
    kafka: { ...config.kafka, brokers: [...config.kafka.brokers] },
    ...(config.casieUrl !== undefined && { casieUrl: maskUrl(config.casieUrl) }),
    ...(config.bootstrapAdminKey !== undefined && { bootstrapAdminKey: MASK }),
  };
}

function maskUrl(value: string): string {
  if (!URL.canParse(value)) return MASK;
  const url = new URL(value);
  if (url.password) url.password = MASK;
  for (const name of [...url.searchParams.keys()]) {
    if (SECRET_PARAM.test(name)) url.searchParams.set(name, MASK);
  }
  return url.toString();
}
