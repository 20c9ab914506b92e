// The variables the services read (not exported by @contingency/config: only its own loader needs them).
import { ENV_VARIABLES } from '../../libs/config/src/env.schema';
import {
  appServices,
  entrypointFileSecrets,
  entrypointHeaps,
  loadTerraform,
  type HclBody,
  type TerraformModule,
} from './deployment-files';

// What must never be a plain `environment` entry of a task: secrets come from Secrets Manager (`secrets`).
const SECRET_PATTERN = /SECRET|PASSWORD|TOKEN|PRIVATE_KEY|ADMIN_KEY|API_KEY/;
const secretVariables = (): string[] => [
  'DATABASE_URL',
  ...ENV_VARIABLES.filter((name) => SECRET_PATTERN.test(name)),
  ...entrypointFileSecrets(),
];

const keysOf = (value: unknown): string[] => Object.keys(value as Record<string, unknown>);
const only = <T>(list: T[] | undefined): T => {
  expect(list).toHaveLength(1);
  return list![0];
};

describe('deploy/terraform', () => {
  let tf: TerraformModule;
  let locals: HclBody;
  let catalog: Record<string, { port: number; public: boolean; optional: boolean; xsd: boolean }>;

  beforeAll(async () => {
    tf = await loadTerraform();
    locals = tf.locals();
    catalog = locals.service_catalog as typeof catalog;
  });

  it('parses every .tf file', () => {
    expect(Object.keys(tf.files).sort()).toEqual(
      expect.arrayContaining(['main.tf', 'variables.tf', 'outputs.tf', 'versions.tf', 'ecs.tf', 'alb.tf']),
    );
  });

  it('pins Terraform and every provider it uses', () => {
    const [block] = tf.terraformBlocks();
    expect(block.required_version).toMatch(/\d+\.\d+/);
    const providers = only(
      block.required_providers as Array<Record<string, { source: string; version: string }>>,
    );
    for (const [name, provider] of Object.entries(providers)) {
      expect({ name, source: provider.source }).toEqual({ name, source: `hashicorp/${name}` });
      expect({ name, version: provider.version }).toEqual({
        name,
        version: expect.stringMatching(/^(~>|=)\s*\d+\.\d+/),
      });
    }
    const used = new Set(
      Object.values(tf.files).flatMap((file) =>
        [...Object.keys(file.resource ?? {}), ...Object.keys(file.data ?? {})].map(
          (type) => type.split('_')[0],
        ),
      ),
    );
    expect([...used].sort()).toEqual(Object.keys(providers).sort());
  });

  it('describes every variable and output, and types every variable', () => {
    const undocumented = [...tf.variables(), ...tf.outputs()]
      .filter(({ body }) => typeof body.description !== 'string' || body.description.length < 10)
      .map(({ name }) => name);
    expect(undocumented).toEqual([]);
    expect(
      tf
        .variables()
        .filter(({ body }) => body.type === undefined)
        .map(({ name }) => name),
    ).toEqual([]);
  });

  it('validates the inputs that have a shape (ids, ARNs, URLs)', () => {
    const validated = new Set(
      tf
        .variables()
        .filter(({ body }) => body.validation)
        .map(({ name }) => name),
    );
    for (const name of [
      'environment',
      'vpc_id',
      'private_subnet_ids',
      'image_tag',
      'database_url_secret_arn',
      'kafka_brokers',
      'certificate_arn',
      'public_base_url',
      'service_sizes',
    ]) {
      expect({ name, validated: validated.has(name) }).toEqual({ name, validated: true });
    }
  });

  it('has every service of apps/ in its catalog, on the port its main.ts defaults to', () => {
    const services = appServices();
    expect(Object.keys(catalog).sort()).toEqual(services.map((service) => service.name).sort());
    for (const { name, port } of services) {
      expect({ name, port: catalog[name].port }).toEqual({ name, port });
      const environment = (locals.service_environment as Record<string, Record<string, string>>)[name];
      expect({ name, PORT: environment.PORT }).toEqual({ name, PORT: String(port) });
    }
    // Only the simulators may be left out (training and drill environments run them).
    expect(Object.keys(catalog).filter((name) => catalog[name].optional)).toEqual(['simulators']);
    expect(locals.services).toContain('local.service_catalog');
  });

  it('gives each service a task definition and an ECS service', () => {
    const definition = tf.resource('aws_ecs_task_definition', 'service');
    const service = tf.resource('aws_ecs_service', 'service');
    expect(definition.for_each).toBe('${local.services}');
    expect(service.for_each).toBe('${local.services}');
    expect(service.task_definition).toBe('${aws_ecs_task_definition.service[each.key].arn}');
    expect(definition.requires_compatibilities).toEqual(['FARGATE']);
    expect(definition.cpu).toBe('${var.service_sizes[each.key].cpu}');
    expect(definition.memory).toBe('${var.service_sizes[each.key].memory}');
  });

  it('runs each container as its service: command, port, health check, awslogs, read-only, not root', () => {
    const containers = tf.resource('aws_ecs_task_definition', 'service').container_definitions as string;
    expect(containers).toMatch(/command\s*=\s*\[each\.key\]/);
    expect(containers).toMatch(/containerPort\s*=\s*each\.value\.port/);
    expect(containers).toMatch(
      /"CMD", "node", "\/app\/docker\/healthcheck\.js", tostring\(each\.value\.port\)/,
    );
    expect(containers).toMatch(/logDriver\s*=\s*"awslogs"/);
    expect(containers).toMatch(/readonlyRootFilesystem\s*=\s*true/);
    expect(containers).toMatch(/user\s*=\s*"1000:1000"/);
    expect(containers).toMatch(/containerPath = "\/data"/);
    expect(containers).toMatch(/containerPath = "\/iso20022", readOnly = true/);
  });

  it('passes settings as environment and secrets only through Secrets Manager', () => {
    const containers = tf.resource('aws_ecs_task_definition', 'service').container_definitions as string;
    expect(containers).toMatch(
      /environment\s*=\s*\[for key in sort\(keys\(local\.container_environment\[each\.key\]\)\)/,
    );
    expect(containers).toMatch(
      /secrets\s*=\s*\[for key in sort\(keys\(local\.container_secrets\[each\.key\]\)\)/,
    );
    expect(locals.container_environment).toContain(
      'merge(local.common_environment, local.service_environment[name])',
    );
    expect(locals.container_secrets).toContain('local.secret_arns[key]');

    const secrets = secretVariables();
    const environments = {
      common: locals.common_environment,
      ...(locals.service_environment as Record<string, unknown>),
    };
    for (const [owner, environment] of Object.entries(environments)) {
      expect({ owner, secrets: keysOf(environment).filter((name) => secrets.includes(name)) }).toEqual({
        owner,
        secrets: [],
      });
    }
    const secretArns = locals.secret_arns as Record<string, string>;
    for (const name of keysOf(secretArns)) {
      expect({ name, secret: secrets.includes(name) }).toEqual({ name, secret: true });
      expect(secretArns[name]).toMatch(/^\$\{var\.[a-z_]+_secret_arn\}$/);
    }
    for (const [service, names] of Object.entries(locals.service_secrets as Record<string, string[]>)) {
      expect({ service, database: names.includes('DATABASE_URL') }).toEqual({ service, database: true });
      expect(names.filter((name) => !(name in secretArns))).toEqual([]);
    }
    // The admin bootstrap key goes to the gateway alone.
    const holders = Object.entries(locals.service_secrets as Record<string, string[]>)
      .filter(([, names]) => names.includes('CONTINGENCY_BOOTSTRAP_ADMIN_KEY'))
      .map(([service]) => service);
    expect(holders).toEqual(['upload-gateway']);

    const migrate = tf.resource('aws_ecs_task_definition', 'migrate').container_definitions as string;
    expect(migrate).toMatch(/command\s*=\s*\["cli", "db", "migrate"\]/);
    expect(migrate).toMatch(
      /secrets\s*=\s*\[\{ name = "DATABASE_URL", valueFrom = var\.database_url_secret_arn \}\]/,
    );
    const migrateEnvironment = [
      ...(/environment\s*=\s*\[(.*)\]/.exec(migrate)?.[1] ?? '').matchAll(/name = "([A-Z_]+)"/g),
    ];
    expect(migrateEnvironment.map((match) => match[1])).toEqual(['NODE_ENV']);
  });

  it('sets only variables the services know (libs/config ENV_VARIABLES), so a renamed one fails here', () => {
    const known = new Set<string>([...ENV_VARIABLES, 'NODE_OPTIONS']);
    const environments = [locals.common_environment, ...Object.values(locals.service_environment as object)];
    const unknown = environments.flatMap(keysOf).filter((name) => !known.has(name));
    expect(unknown).toEqual([]);
    // Secrets are known variables, or contents that the entrypoint turns into a known NAME_FILE.
    const fileSecrets = entrypointFileSecrets();
    for (const name of keysOf(locals.secret_arns)) {
      const knownHow = known.has(name) || (fileSecrets.includes(name) && known.has(`${name}_FILE`));
      expect({ name, knownHow }).toEqual({ name, knownHow: true });
    }
    for (const name of fileSecrets) expect(ENV_VARIABLES).toContain(`${name}_FILE`);
  });

  it('rolls every service with a circuit breaker that rolls back', () => {
    const services = tf.resources('aws_ecs_service');
    expect(services.length).toBeGreaterThan(0);
    for (const { name, body } of services) {
      expect({ name, breaker: body.deployment_circuit_breaker }).toEqual({
        name,
        breaker: [{ enable: true, rollback: true }],
      });
      expect({ name, controller: body.deployment_controller }).toEqual({
        name,
        controller: [{ type: 'ECS' }],
      });
      expect(body.deployment_minimum_healthy_percent).toBe(100);
    }
    // Earlier revisions stay ACTIVE so that a rollback can point at them.
    for (const { name, body } of tf.resources('aws_ecs_task_definition')) {
      expect({ name, skip: body.skip_destroy }).toEqual({ name, skip: true });
    }
  });

  it('puts only the upload-gateway behind the load balancer, for /api, /auth and /', () => {
    expect(Object.keys(catalog).filter((name) => catalog[name].public)).toEqual(['upload-gateway']);
    const service = tf.resource('aws_ecs_service', 'service');
    const loadBalancer = (service.dynamic as Record<string, HclBody[]>).load_balancer;
    expect(only(loadBalancer).for_each).toBe('${each.value.public ? [1] : []}');

    const targetGroups = tf.resources('aws_lb_target_group');
    expect(targetGroups.map(({ name }) => name)).toEqual(['gateway']);
    expect(targetGroups[0].body.port).toBe('${local.service_catalog["upload-gateway"].port}');
    expect(only(targetGroups[0].body.health_check as HclBody[]).path).toBe('/readyz');

    const https = tf.resource('aws_lb_listener', 'https');
    expect(https).toMatchObject({ port: 443, protocol: 'HTTPS', certificate_arn: '${var.certificate_arn}' });
    expect(only(https.default_action as HclBody[]).type).toBe('fixed-response');
    const rules = tf.resources('aws_lb_listener_rule');
    expect(rules).toHaveLength(1);
    const [rule] = rules;
    expect(only(rule.body.action as HclBody[])).toMatchObject({
      type: 'forward',
      target_group_arn: '${aws_lb_target_group.gateway.arn}',
    });
    const patterns = only(
      only(rule.body.condition as Array<{ path_pattern: HclBody[] }>).path_pattern,
    ).values;
    expect(patterns).toEqual(['/api/*', '/auth/*', '/']);
    expect(tf.resource('aws_lb_listener', 'http_redirect').default_action).toEqual([
      expect.objectContaining({ type: 'redirect' }),
    ]);
  });

  it('lets the load balancer reach the gateway port and nothing else; no service is open to the world', () => {
    const albEgress = tf
      .resources('aws_vpc_security_group_egress_rule')
      .filter(({ body }) => body.security_group_id === '${aws_security_group.alb.id}');
    expect(albEgress).toHaveLength(1);
    expect(albEgress[0].body).toMatchObject({
      referenced_security_group_id: '${aws_security_group.service["upload-gateway"].id}',
      from_port: '${local.service_catalog["upload-gateway"].port}',
    });
    const serviceIngress = tf
      .resources('aws_vpc_security_group_ingress_rule')
      .filter(({ body }) => String(body.security_group_id).startsWith('${aws_security_group.service'));
    for (const { name, body } of serviceIngress) {
      expect({ name, cidr: body.cidr_ipv4 }).toEqual({ name, cidr: undefined });
      expect({ name, source: body.referenced_security_group_id }).toEqual({
        name,
        source: expect.any(String),
      });
    }
    const sftp = tf.resource('aws_vpc_security_group_egress_rule', 'calastone_sftp');
    expect(sftp.for_each).toContain('if service.sftp');
    const casie = tf.resource('aws_vpc_security_group_egress_rule', 'casie');
    expect(casie.security_group_id).toBe('${aws_security_group.service["casie-adapter"].id}');
  });

  it('lets each execution role pull, log and read its own secrets only', () => {
    const policy = tf.files['iam.tf'].data!.aws_iam_policy_document.execution[0];
    expect(policy.for_each).toBe('${local.task_families}');
    const text = JSON.stringify(policy);
    expect(text).toContain('secretsmanager:GetSecretValue');
    expect(text).toContain('local.family_secrets[each.key]');
    expect(text).not.toMatch(/secretsmanager:\*|"resources":\["\*"\],"sid":"ReadOwnSecrets"/);
    expect(locals.family_secrets).toContain('local.container_secrets');
    expect(tf.resource('aws_iam_role', 'task').for_each).toBe('${local.task_families}');
  });

  it('sizes each task at least twice the heap the entrypoint gives its service', () => {
    const heaps = entrypointHeaps();
    const sizes = only(
      tf
        .variables()
        .filter(({ name }) => name === 'service_sizes')
        .map(({ body }) => body),
    ).default as Record<string, { cpu: number; memory: number }>;
    expect(Object.keys(sizes).sort()).toEqual(Object.keys(catalog).sort());
    for (const [name, size] of Object.entries(sizes)) {
      expect({ name, enough: size.memory >= 2 * heaps[name] }).toEqual({ name, enough: true });
    }
    expect(heaps['upload-gateway']).toBe(192); // docs/capacity.md
  });

  it('keeps the backend partial and the console private behind CloudFront', () => {
    expect(tf.terraformBlocks()[0].backend).toBeUndefined();
    expect(tf.resource('aws_s3_bucket_public_access_block', 'console')).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    const distribution = JSON.stringify(tf.resource('aws_cloudfront_distribution', 'console'));
    expect(distribution).toContain('/api/*');
    expect(distribution).toContain('/auth/*');
  });
});
