import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DashboardBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { kafkaLedgerDashboard } from './kafka-ledger.dashboard';
import { sreDashboard } from './sre.dashboard';
import { ssOperationsDashboard } from './ss-operations.dashboard';

export const DASHBOARDS_DIR = join(__dirname, '..', 'dashboards');

const DASHBOARDS: Record<string, () => DashboardBuilder> = {
  'ss-operations.json': ssOperationsDashboard,
  'sre.json': sreDashboard,
  'kafka-ledger.json': kafkaLedgerDashboard,
};

/** Every dashboard as the JSON file grafana/dashboards holds: file name → text. */
export function generateDashboards(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(DASHBOARDS).map(([file, build]) => [
      file,
      `${JSON.stringify(build().build(), null, 2)}\n`,
    ]),
  );
}

// tools/grafana-generate.sh runs this file, compiled, with the folder to write to.
if (require.main === module) {
  const dir = process.argv[2] ?? DASHBOARDS_DIR;
  mkdirSync(dir, { recursive: true });
  for (const [file, json] of Object.entries(generateDashboards())) {
    writeFileSync(join(dir, file), json);
    console.log(join(dir, file));
  }
}
