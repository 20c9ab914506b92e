import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ENV_VARIABLES } from '../../libs/config/src/env.schema';
import { REPO_ROOT, appServices, dockerInstructions, readRepoFile, readYaml } from './deployment-files';

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string | number>;
  ports?: string[];
  volumes?: string[];
  healthcheck?: { test?: string[]; disable?: boolean };
  depends_on?: Record<string, { condition: string }>;
  read_only?: boolean;
  tmpfs?: string[];
  profiles?: string[];
  init?: boolean;
}
interface Compose {
  services: Record<string, ComposeService>;
  volumes: Record<string, unknown>;
}

describe('docker/compose.yaml', () => {
  const compose = readYaml<Compose>('docker/compose.yaml');
  const services = appServices();

  it('runs every service of apps/ from the image, on its port, with a health check', () => {
    for (const { name, port } of services) {
      const service = compose.services[name];
      expect({ name, defined: service !== undefined }).toEqual({ name, defined: true });
      expect(service.command).toEqual([name]);
      expect(service.build).toEqual({ context: '..', dockerfile: 'docker/Dockerfile' });
      expect(service.environment?.PORT).toBe(String(port));
      expect(service.ports).toEqual([expect.stringMatching(new RegExp(`(^|:)${port}:${port}$`))]);
      expect(service.healthcheck?.test).toEqual(['CMD', 'node', '/app/docker/healthcheck.js', String(port)]);
      expect(service).toMatchObject({ read_only: true, tmpfs: ['/tmp'], init: true });
      expect(service.depends_on).toEqual({
        migrate: { condition: 'service_completed_successfully' },
        kafka: { condition: 'service_healthy' },
      });
      expect(service.environment).toMatchObject({ DATABASE_MIGRATE: 'false', KAFKA_BROKERS: 'kafka:19092' });
    }
  });

  it('runs the migrations once, before the services', () => {
    expect(compose.services.migrate).toMatchObject({
      command: ['cli', 'db', 'migrate'],
      restart: 'no',
      depends_on: { postgres: { condition: 'service_healthy' } },
    });
  });

  it('has Kafka in KRaft mode from the official image, at the version the local scripts use, and PostgreSQL 15', () => {
    const kafkaVersion = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(
      readRepoFile('tools/services/kafka/pom.xml'),
    )![1];
    const kafka = compose.services.kafka;
    expect(kafka.image).toBe(`apache/kafka:${kafkaVersion}`);
    expect(kafka.environment).toMatchObject({ KAFKA_PROCESS_ROLES: 'broker,controller' });
    expect(String(kafka.environment?.KAFKA_ADVERTISED_LISTENERS)).toContain('kafka:19092');
    expect(kafka.healthcheck?.test).toBeDefined();
    expect(compose.services.postgres.image).toBe('postgres:15');
    expect(compose.services.postgres.healthcheck?.test).toContain('pg_isready');
  });

  it('sets only variables the services know (libs/config ENV_VARIABLES)', () => {
    const known = new Set<string>(ENV_VARIABLES);
    for (const name of [...services.map((service) => service.name), 'migrate']) {
      const unknown = Object.keys(compose.services[name].environment ?? {}).filter((key) => !known.has(key));
      expect({ name, unknown }).toEqual({ name, unknown: [] });
    }
    // The image's own settings too.
    const runtimeEnv = dockerInstructions().find((i) => i.stage === 'runtime' && i.keyword === 'ENV')!.args;
    const imageSettings = [...runtimeEnv.matchAll(/([A-Z0-9_]+)=/g)].map((match) => match[1]);
    expect(imageSettings.filter((key) => !known.has(key))).toEqual([]);
  });

  it('takes secrets from the shell, never written in the file', () => {
    const text = readRepoFile('docker/compose.yaml');
    expect(text).toMatch(/CONTINGENCY_BOOTSTRAP_ADMIN_KEY: \$\{CONTINGENCY_BOOTSTRAP_ADMIN_KEY:-\}/);
    expect(compose.services['upload-gateway'].environment?.CONTINGENCY_BOOTSTRAP_ADMIN_KEY).toBe(
      '${CONTINGENCY_BOOTSTRAP_ADMIN_KEY:-}',
    );
  });

  it('mounts the XSDs read-only where ISO20022_XSD_DIR points, for the services that validate setr', () => {
    for (const name of ['calastone-adapter', 'ack-ingestor']) {
      expect(compose.services[name].volumes).toContainEqual(expect.stringMatching(/:\/iso20022:ro$/));
    }
    // One Calastone mailbox for the adapter, the ingestor and the simulator (DATA_DIR/calastone).
    for (const name of ['calastone-adapter', 'ack-ingestor', 'simulators']) {
      expect(compose.services[name].volumes).toContain('calastone-mailbox:/data');
    }
  });

  it('offers Prometheus and Grafana in the monitoring profile, scraping every service', () => {
    expect(compose.services.prometheus.profiles).toEqual(['monitoring']);
    expect(compose.services.grafana.profiles).toEqual(['monitoring']);
    for (const volume of [...compose.services.prometheus.volumes!, ...compose.services.grafana.volumes!]) {
      const source = volume.split(':')[0];
      if (source.startsWith('.'))
        expect({ volume, exists: existsSync(join(REPO_ROOT, 'docker', source)) }).toEqual({
          volume,
          exists: true,
        });
    }
    const prometheus = parseYaml(readRepoFile('docker/prometheus.yml'), { merge: true }) as {
      scrape_configs: Array<{ job_name: string; static_configs: Array<{ targets: string[] }> }>;
    };
    const jobs = prometheus.scrape_configs.map((job) => [job.job_name, job.static_configs[0].targets]);
    const expected = services.map(({ name, port }) => [name, [`${name}:${port}`]]);
    expect(jobs.sort()).toEqual(expected.sort());
  });

  it('labels metrics as deploy/prometheus does (the alert rules rely on the service label)', () => {
    const relabel = (path: string) =>
      JSON.stringify(
        (
          parseYaml(readRepoFile(path), { merge: true }) as {
            scrape_configs: Array<{ metric_relabel_configs: unknown }>;
          }
        ).scrape_configs[0].metric_relabel_configs,
      );
    expect(relabel('docker/prometheus.yml')).toBe(relabel('deploy/prometheus/prometheus.yml'));
  });
});
