import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { DASHBOARDS_DIR, generateDashboards } from '../../grafana/src/generate';
import { expressionsOf } from '../../grafana/src/panels';
import { requireBinary, run } from './monitoring-tools';

// Grafana's own variables are not PromQL: a fixed range stands in for them in the parse check.
const asPromQL = (expr: string) => expr.replace(/\$__(rate_interval|interval|range)/g, '5m');

describe('Grafana dashboards (grafana/)', () => {
  const generated = generateDashboards();

  it('are committed as generated: run tools/grafana-generate.sh after changing grafana/src', () => {
    const committed = readdirSync(DASHBOARDS_DIR).filter((f) => f.endsWith('.json'));
    expect(committed.sort()).toEqual(Object.keys(generated).sort());
    for (const [file, json] of Object.entries(generated)) {
      expect(readFileSync(join(DASHBOARDS_DIR, file), 'utf8')).toBe(json);
    }
  });

  it.each(Object.entries(generated))(
    '%s has a uid, panels on the grid and queries in every panel',
    (_, json) => {
      const dashboard = JSON.parse(json) as Dashboard;
      expect(dashboard.uid).toMatch(/^contingency-/);
      const panels = (dashboard.panels ?? []).filter((p) => p.type !== 'row');
      expect(panels.length).toBeGreaterThan(5);
      for (const panel of panels) {
        expect(panel.gridPos).toBeDefined();
        expect(panel.datasource).toEqual({ type: 'prometheus', uid: 'prometheus' });
        expect('targets' in panel && panel.targets?.length).toBeGreaterThan(0);
      }
    },
  );

  it('every panel query is PromQL that promtool parses', () => {
    const promtool = requireBinary('promtool');
    const exprs = Object.values(generated).flatMap((json) => expressionsOf(JSON.parse(json) as Dashboard));
    expect(exprs.length).toBeGreaterThan(30);
    const rules = {
      groups: [
        {
          name: 'dashboard-queries',
          rules: exprs.map((expr, i) => ({ record: `dashboard:query_${i}`, expr: asPromQL(expr) })),
        },
      ],
    };
    const dir = mkdtempSync(join(tmpdir(), 'dashboard-queries-'));
    try {
      // JSON is YAML: no YAML writer needed.
      writeFileSync(join(dir, 'queries.yml'), JSON.stringify(rules));
      expect(run(promtool, ['check', 'rules', join(dir, 'queries.yml')], dir)).toContain(
        `SUCCESS: ${exprs.length} rules found`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
