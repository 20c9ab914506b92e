import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, readRepoFile, readYaml } from './deployment-files';

interface Job {
  stage?: string;
  image?: string | { name: string };
  script?: Array<string | string[]>;
  services?: Array<string | { name: string; alias?: string; variables?: Record<string, string> }>;
  variables?: Record<string, string>;
  rules?: Array<{ if?: string; when?: string; changes?: string[] }>;
  when?: string;
  cache?: Array<{ key: unknown; paths: string[] }> | { key: unknown; paths: string[] };
  extends?: string | string[];
  environment?: unknown;
}
type Pipeline = Record<string, Job> & { stages: string[] };

const flat = (script: Job['script'] = []): string[] => script.flat();

describe('.gitlab-ci.yml', () => {
  const pipeline = readYaml<Pipeline>('.gitlab-ci.yml');
  /** A job with what it extends merged in (one level, as the file uses it). */
  const job = (name: string): Job => {
    const own = pipeline[name];
    const parents = ([] as string[]).concat(own.extends ?? []).map((parent) => pipeline[parent]);
    return Object.assign({}, ...parents, own) as Job;
  };

  it('runs check → test → build → deploy', () => {
    expect(pipeline.stages).toEqual(['check', 'test', 'build', 'deploy']);
  });

  it('checks with npm ci && npm run check', () => {
    expect(job('check').stage).toBe('check');
    expect(flat(job('check').script)).toEqual(['npm ci && npm run check']);
  });

  it("tests with exactly the README's test command, against PostgreSQL 15 and a Kafka service", () => {
    const readmeTest = /^(npm test)\b/m.exec(readRepoFile('README.md'))![1];
    const test = job('test');
    expect(test.stage).toBe('test');
    expect(flat(test.script).at(-1)).toBe(readmeTest);
    const services = test.services!.map((service) =>
      typeof service === 'string' ? { name: service } : service,
    );
    const postgres = services.find((service) => service.name === 'postgres:15')!;
    const kafka = services.find((service) => service.name.startsWith('apache/kafka:'))!;
    expect(postgres.alias).toBe('postgres');
    expect(kafka.variables).toMatchObject({
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://${kafka.alias}:9092`,
    });
    // Given both, the tests' global setup starts no broker of its own.
    expect(test.variables).toEqual({
      KAFKA_BROKERS: `${kafka.alias}:9092`,
      TEST_DATABASE_URL: expect.stringMatching(/^postgres:\/\/.*@postgres:5432\//),
    });
    const kafkaVersion = /<kafka\.version>([^<]+)</.exec(readRepoFile('tools/services/kafka/pom.xml'))![1];
    expect(kafka.name).toBe(`apache/kafka:${kafkaVersion}`);
  });

  it('benchmarks on demand, caching the Kafka jars and npm', () => {
    const bench = job('bench');
    expect(bench.when).toBe('manual');
    expect(flat(bench.script)).toContain('npm run bench');
    const cachedPaths = ([] as Array<{ paths: string[] }>)
      .concat(bench.cache ?? [])
      .flatMap((cache) => cache.paths);
    expect(cachedPaths).toEqual(expect.arrayContaining(['.npm/', '.local/kafka/lib/']));
    expect(job('test').cache).toEqual([expect.objectContaining({ paths: ['.npm/'] })]);
  });

  it('builds the image from docker/Dockerfile and pushes it to ECR tagged with the commit', () => {
    const image = job('image');
    expect(image.stage).toBe('build');
    const build = flat(image.script).join('\n');
    expect(build).toContain('--dockerfile "$CI_PROJECT_DIR/docker/Dockerfile"');
    expect(build).toContain('--destination "$ECR_REGISTRY/$ECR_REPOSITORY:$CI_COMMIT_SHA"');
    expect(existsSync(join(REPO_ROOT, 'docker', 'Dockerfile'))).toBe(true);
  });

  it('checks, plans and applies Terraform: plan on merge requests, apply by hand on the protected branch', () => {
    const validate = flat(job('terraform:validate').script).join('\n');
    expect(validate).toMatch(/fmt -check/);
    expect(validate).toMatch(/validate/);
    expect(job('terraform:plan').rules!.some((rule) => rule.if?.includes('merge_request_event'))).toBe(true);
    expect(flat(job('terraform:plan').script).join('\n')).toContain(' plan ');
    const apply = job('terraform:apply');
    expect(apply.rules).toEqual([
      { if: expect.stringContaining('$CI_COMMIT_REF_PROTECTED == "true"'), when: 'manual' },
    ]);
    // Migrations (the one-off task, registered by a targeted apply) before the full apply rolls the services.
    const steps = flat(apply.script);
    const migrate = steps.findIndex((step) => step.includes('tools/deploy/run-migrate.sh'));
    const targeted = steps.findIndex((step) => step.includes('-target=aws_ecs_task_definition.migrate'));
    const full = steps.findLastIndex((step) => / apply /.test(step) && !step.includes('-target'));
    expect(targeted).toBeGreaterThanOrEqual(0);
    expect(migrate).toBeGreaterThan(targeted);
    expect(full).toBeGreaterThan(migrate);
    expect(job('terraform:apply').variables?.TF_VAR_image_tag).toBe('$CI_COMMIT_SHA');
  });

  it('rolls back by hand to the previous task definition revisions', () => {
    const rollback = job('rollback');
    expect(rollback.rules).toEqual([
      { if: expect.stringContaining('CI_COMMIT_REF_PROTECTED'), when: 'manual' },
    ]);
    expect(flat(rollback.script)).toEqual(['bash tools/deploy/rollback.sh "$ECS_CLUSTER"']);
  });

  it('calls only scripts that exist', () => {
    const scripts = Object.values(pipeline)
      .filter((value): value is Job => typeof value === 'object' && !Array.isArray(value) && value !== null)
      .flatMap((value) => flat(value.script))
      .flatMap((line) => [...line.matchAll(/bash (tools\/\S+\.sh)/g)].map((match) => match[1]));
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts)
      expect({ script, exists: existsSync(join(REPO_ROOT, script)) }).toEqual({ script, exists: true });
  });
});
