import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { AcksModule, TradeWatchModule, UnmatchedAcksApiModule } from '@contingency/acks';
import { AuthModule } from '@contingency/auth';
import { CalastoneModule } from '@contingency/calastone';
import { CasieModule } from '@contingency/casie';
import { GatewayModule } from '@contingency/gateway';
import { type ServiceDefinition, startInProcessService } from '@contingency/platform';
import { calastoneSimulatorOn, SimulatorsModule } from '@contingency/simulators';
import { createTestDatabase } from '@contingency/testing';
import { ValidationModule } from '@contingency/validation';
import { startStandaloneInProcess } from './standalone-in-process';

// Every service's GET /metrics, as Prometheus would scrape it, through `promtool check metrics` (exposition
// format and naming lint). The services run one after the other in this process, as their main.ts compose
// them; prom-client's registry is one per process, so a later scrape also carries the earlier services'.

function promtool(): string {
  const found = spawnSync('which', ['promtool'], { encoding: 'utf8' });
  if (found.status !== 0) {
    throw new Error(
      'promtool not found: run tools/system-deps.sh (it installs the Debian package prometheus)',
    );
  }
  return found.stdout.trim();
}

// prom-client's default Node.js gauges keep the names every Node.js dashboard knows, _total and all.
const THIRD_PARTY_NAMES = new Set([
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
]);
// promtool exits 1 when the text does not parse, 3 when it only has lint findings.
const LINT_FINDINGS = 3;

/** The problems promtool finds in the exposition, but for the lint of prom-client's own names. */
function problemsOf(text: string): string[] {
  const result = spawnSync(promtool(), ['check', 'metrics'], { input: text, encoding: 'utf8' });
  const lines = `${result.stdout}${result.stderr}`.split('\n').filter(Boolean);
  if (result.status === 0) return lines;
  if (result.status !== LINT_FINDINGS) return [`promtool exited ${result.status}`, ...lines];
  return lines.filter((line) => !THIRD_PARTY_NAMES.has(line.split(' ')[0]));
}

const scrape = async (url: string): Promise<string> => {
  const res = await fetch(`${url}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text();
};

/** The families each service must expose from the start (zero-initialised), beyond the common ones. */
const EXPECTED: Record<string, string[]> = {
  'upload-gateway': [
    'upload_gateway_http_requests_total',
    'upload_gateway_uploads_total',
    'upload_gateway_upload_bytes',
    'upload_gateway_outbox_pending_messages',
    'upload_gateway_outbox_oldest_pending_age_seconds',
    'upload_gateway_canary_probes_total',
    'upload_gateway_canary_last_success_timestamp_seconds',
  ],
  'validation-service': [
    'validation_service_messages_consumed_total',
    'validation_service_messages_retried_total',
    'validation_service_messages_dead_lettered_total',
    'validation_service_consumer_lag_messages',
  ],
  'casie-adapter': [
    'casie_adapter_delivery_attempts_total',
    'casie_adapter_circuit_state',
    'casie_adapter_canary_probes_total',
    'casie_adapter_canary_last_success_timestamp_seconds',
    'casie_adapter_consumer_lag_messages',
  ],
  'calastone-adapter': [
    'calastone_adapter_delivery_attempts_total',
    'calastone_adapter_mailbox_up',
    'calastone_adapter_canary_probes_total',
    'calastone_adapter_consumer_lag_messages',
  ],
  'ack-ingestor': [
    'ack_ingestor_acks_total',
    'ack_ingestor_release_to_ack_seconds',
    'ack_ingestor_release_to_confirmation_seconds',
    'ack_ingestor_consumer_lag_messages',
    'contingency_trades',
    'contingency_trades_ack_overdue',
  ],
  simulators: ['simulators_outbox_pending_messages'],
};

const families = (text: string): Set<string> =>
  new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((match) => match[1]));

describe('GET /metrics through promtool check metrics', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  const dataDir = mkdtempSync(join(tmpdir(), 'contingency-promtool-'));
  const tag = randomBytes(3).toString('hex');

  beforeAll(async () => {
    promtool();
    db = await createTestDatabase('promtool');
  });

  afterAll(async () => {
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const services: Array<[string, ServiceDefinition['features']]> = [
    [
      'upload-gateway',
      (config) => [
        AuthModule.forRoot({ bootstrapAdminKey: config.bootstrapAdminKey }),
        GatewayModule.forRoot(config),
        UnmatchedAcksApiModule,
      ],
    ],
    ['validation-service', () => [ValidationModule]],
    [
      'casie-adapter',
      () => [CasieModule.forRoot({ baseUrl: 'http://127.0.0.1:65000/sim/casie', timeoutMs: 1_000 })],
    ],
    [
      'calastone-adapter',
      (config) => [CalastoneModule.forRoot({ xsdDir: config.iso20022XsdDir, channel: config.calastone })],
    ],
    [
      'ack-ingestor',
      (config) => [
        AuthModule.forRoot({ bootstrapAdminKey: config.bootstrapAdminKey }),
        AcksModule.forRoot({ inbox: { channel: config.calastone, xsdDir: config.iso20022XsdDir } }),
        TradeWatchModule.forRoot(config.watch),
      ],
    ],
    [
      'simulators',
      (config) => [
        SimulatorsModule.forRoot({
          dataDir: config.dataDir,
          calastone: calastoneSimulatorOn(config.calastone),
        }),
      ],
    ],
  ];

  it.each(services)(
    '%s',
    async (service, features) => {
      let app: INestApplication | undefined;
      try {
        app = await startInProcessService({
          service,
          databaseUrl: db.url,
          groupPrefix: `promtool-${tag}-`,
          env: { DATA_DIR: join(dataDir, service) },
          features,
        });
        await app.listen(0, '127.0.0.1');
        const text = await scrape(await app.getUrl());

        expect(problemsOf(text)).toEqual([]);
        const exposed = families(text);
        for (const name of EXPECTED[service]) expect(exposed).toContain(name);
      } finally {
        await app?.close();
      }
    },
    90_000,
  );

  it('standalone', async () => {
    const standalone = await startStandaloneInProcess('promtool');
    try {
      const text = await scrape(standalone.url);

      expect(problemsOf(text)).toEqual([]);
      const exposed = families(text);
      for (const name of [
        'standalone_http_requests_total',
        'standalone_consumer_lag_messages',
        'standalone_outbox_pending_messages',
        'casie_adapter_canary_probes_total',
        'calastone_adapter_canary_probes_total',
        'upload_gateway_canary_probes_total',
        'contingency_trades',
      ]) {
        expect(exposed).toContain(name);
      }
    } finally {
      await standalone.stop();
    }
  }, 90_000);

  it('fails on a malformed exposition, so that a pass above means something', () => {
    expect(problemsOf('# TYPE broken_requests counter\nbroken_requests{le="x" 1\n')).not.toEqual([]);
    expect(problemsOf('# HELP queue_total Queued\n# TYPE queue_total gauge\nqueue_total 1\n')).toEqual([
      'queue_total non-counter metrics should not have "_total" suffix',
    ]);
  });
});
