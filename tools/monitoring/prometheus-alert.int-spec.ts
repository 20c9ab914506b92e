import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { Topics } from '@contingency/contracts';
import {
  type AppProcess,
  createTestDatabase,
  expectEventually,
  GS_FUND,
  REPO_ROOT,
  seedFunds,
  seedReleasedOrders,
  startApp,
} from '@contingency/testing';
import { pinGroupToEnd } from '../../libs/casie/src/testing/kafka-groups';
import { SimulatorClient } from '../../libs/casie/src/testing/simulator-client';
import { PROMETHEUS_DIR, requireBinary } from './monitoring-tools';

interface Rule {
  alert?: string;
  for?: string;
  labels?: Record<string, string>;
}
interface ActiveAlert {
  labels: Record<string, string>;
  state: 'pending' | 'firing';
}

// A real Prometheus scrapes the compiled casie-adapter and simulators (distributed mode, real Kafka and
// PostgreSQL) every second and evaluates the production CasieCircuitOpen rule, its `for:` shortened to 5 s.
// Casie goes down while orders wait: the circuit opens and the alert fires; Casie comes back: it resolves.
describe('CasieCircuitOpen in a real Prometheus', () => {
  const tag = randomBytes(3).toString('hex');
  const base = 31_000 + Math.floor(Math.random() * 400) * 3;
  const groupPrefix = `monitoring-${tag}-`;
  const workDir = mkdtempSync(join(tmpdir(), 'contingency-prometheus-'));
  const prometheusUrl = `http://127.0.0.1:${base + 2}`;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let sim: AppProcess;
  let adapter: AppProcess;
  let prometheus: ChildProcess | undefined;

  beforeAll(async () => {
    const binary = requireBinary('prometheus');
    db = await createTestDatabase('monitoring_alert');
    await seedFunds(db.dataSource, [GS_FUND]);
    const env = {
      CONTINGENCY_MODE: 'distributed',
      DATABASE_URL: db.url,
      KAFKA_BROKERS: process.env.KAFKA_BROKERS,
      KAFKA_GROUP_PREFIX: groupPrefix,
    };
    await pinGroupToEnd(`${groupPrefix}casie-adapter`, [Topics.ordersCasie]);
    sim = await startApp('simulators', env, { port: base });
    adapter = await startApp(
      'casie-adapter',
      { ...env, CASIE_URL: new SimulatorClient(sim.url).casieUrl },
      { port: base + 1 },
    );
    writePrometheusConfig({ 'casie-adapter': adapter.url, simulators: sim.url });
    prometheus = startPrometheus(binary);
    await expectEventually(async () => expect((await fetch(`${prometheusUrl}/-/ready`)).status).toBe(200), {
      timeoutMs: 15_000,
      intervalMs: 200,
    });
  }, 90_000);

  afterAll(async () => {
    if (prometheus && prometheus.exitCode === null) {
      const exited = new Promise((resolve) => prometheus!.once('exit', resolve));
      prometheus.kill('SIGTERM');
      await exited;
    }
    await Promise.all([adapter?.stop(), sim?.stop()]);
    await db?.drop();
    rmSync(workDir, { recursive: true, force: true });
  });

  /** The production rule with a short `for:`, labelled as a test so that no Alertmanager would page. */
  function writePrometheusConfig(targets: Record<string, string>): void {
    const production = parse(readFileSync(join(PROMETHEUS_DIR, 'prometheus.yml'), 'utf8')) as {
      scrape_configs: Array<{ metric_relabel_configs: unknown }>;
    };
    const delivery = parse(readFileSync(join(PROMETHEUS_DIR, 'rules', 'delivery.yml'), 'utf8')) as {
      groups: Array<{ rules: Rule[] }>;
    };
    const rule = delivery.groups.flatMap((g) => g.rules).find((r) => r.alert === 'CasieCircuitOpen')!;
    const rules = {
      groups: [{ name: 'test', rules: [{ ...rule, for: '5s', labels: { ...rule.labels, test: 'true' } }] }],
    };
    writeFileSync(join(workDir, 'rules.yml'), JSON.stringify(rules));
    const config = {
      global: { scrape_interval: '1s', evaluation_interval: '1s' },
      rule_files: ['rules.yml'],
      scrape_configs: Object.entries(targets).map(([job, url]) => ({
        job_name: job,
        static_configs: [{ targets: [new URL(url).host] }],
        metric_relabel_configs: production.scrape_configs[0].metric_relabel_configs,
      })),
    };
    writeFileSync(join(workDir, 'prometheus.yml'), JSON.stringify(config));
  }

  function startPrometheus(binary: string): ChildProcess {
    const logDir = join(REPO_ROOT, '.local', 'test-logs');
    mkdirSync(logDir, { recursive: true });
    const log = createWriteStream(join(logDir, `prometheus-${base + 2}-${Date.now()}.log`));
    const child = spawn(
      binary,
      [
        `--config.file=${join(workDir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(workDir, 'data')}`,
        `--web.listen-address=127.0.0.1:${base + 2}`,
      ],
      { cwd: workDir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    return child;
  }

  const casieAlerts = async () => {
    const res = await fetch(`${prometheusUrl}/api/v1/alerts`);
    const body = (await res.json()) as { data: { alerts: ActiveAlert[] } };
    return body.data.alerts.filter((a) => a.labels.alertname === 'CasieCircuitOpen');
  };
  const query = async (promql: string) => {
    const res = await fetch(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent(promql)}`);
    return (
      (await res.json()) as {
        data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> };
      }
    ).data.result;
  };

  it('fires while Casie is down and orders wait, and resolves once Casie is back', async () => {
    const simulator = new SimulatorClient(sim.url);
    await expectEventually(
      async () => {
        const up = await query('up');
        expect(up.map((s) => [s.metric.job, s.value[1]]).sort()).toEqual([
          ['casie-adapter', '1'],
          ['simulators', '1'],
        ]);
        // The scrape config's relabelling names the service of each family.
        expect(await query('casie_adapter_circuit_state')).toEqual([
          expect.objectContaining({
            metric: expect.objectContaining({ service: 'casie_adapter' }),
            value: [expect.any(Number), '0'],
          }),
        ]);
      },
      { timeoutMs: 15_000, intervalMs: 500 },
    );
    expect(await casieAlerts()).toEqual([]);

    await simulator.setMode({ mode: 'down' });
    // More orders than the breaker's failure threshold (5), all due at once.
    await seedReleasedOrders(db.dataSource, { fund: GS_FUND, count: 8, tag });
    const fired = await expectEventually(
      async () => {
        const [alert] = await casieAlerts();
        expect(alert?.state).toBe('firing');
        return alert;
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    expect(fired.labels).toMatchObject({
      severity: 'critical',
      team: 'sre',
      test: 'true',
      job: 'casie-adapter',
    });

    // The open circuit lets a trial call through after its cool-down (15 s); a success closes it.
    await simulator.setMode({ mode: 'up' });
    await expectEventually(async () => expect(await casieAlerts()).toEqual([]), {
      timeoutMs: 45_000,
      intervalMs: 500,
    });
    expect((await query('casie_adapter_circuit_state'))[0].value[1]).toBe('0');
  }, 100_000);
});
