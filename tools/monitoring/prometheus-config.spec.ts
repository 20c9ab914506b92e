import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { PROMETHEUS_DIR, REPO, requireBinary, run } from './monitoring-tools';

interface Rule {
  alert?: string;
  record?: string;
  expr: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
interface AlertTest {
  alertname: string;
  exp_alerts: unknown[];
}

const yamlFiles = (dir: string) =>
  readdirSync(join(PROMETHEUS_DIR, dir))
    .filter((f) => f.endsWith('.yml'))
    .map((f) => join(dir, f));
const ruleFiles = yamlFiles('rules');
const testFiles = yamlFiles('tests');
const alertRules = ruleFiles.flatMap((file) =>
  (parse(readFileSync(join(PROMETHEUS_DIR, file), 'utf8')) as { groups: Array<{ rules: Rule[] }> }).groups
    .flatMap((g) => g.rules)
    .filter((r) => r.alert),
);
const alertTests = testFiles.flatMap((file) =>
  (
    parse(readFileSync(join(PROMETHEUS_DIR, file), 'utf8')) as {
      tests: Array<{ alert_rule_test?: AlertTest[] }>;
    }
  ).tests.flatMap((t) => t.alert_rule_test ?? []),
);

describe('Prometheus and Alertmanager configuration (deploy/prometheus)', () => {
  const promtool = requireBinary('promtool');
  const amtool = requireBinary('amtool');

  it('is a valid Prometheus configuration whose rule files load', () => {
    expect(run(promtool, ['check', 'config', 'prometheus.yml'])).toContain('SUCCESS');
    expect(run(promtool, ['check', 'rules', ...ruleFiles])).not.toContain('FAILED');
  });

  it('passes every promtool unit test of the rules', () => {
    const output = run(promtool, ['test', 'rules', ...testFiles]);
    expect(output).not.toContain('FAILED');
    expect(output.match(/SUCCESS/g)).toHaveLength(testFiles.length);
  });

  it.each(alertRules.map((rule) => [rule.alert!, rule] as const))(
    '%s has a severity, a team, a summary, a description and a runbook that exists',
    (name, rule) => {
      expect(['critical', 'warning']).toContain(rule.labels?.severity);
      expect(['sre', 'ss']).toContain(rule.labels?.team);
      expect(rule.annotations?.summary).toBeTruthy();
      expect(rule.annotations?.description).toBeTruthy();
      expect(rule.annotations?.runbook_url).toMatch(new RegExp(`/docs/runbooks/${name}\\.md$`));
      expect(existsSync(join(REPO, 'docs', 'runbooks', `${name}.md`))).toBe(true);
    },
  );

  it.each(alertRules.map((rule) => [rule.alert!]))('%s is tested both firing and silent', (name) => {
    const tests = alertTests.filter((t) => t.alertname === name);
    expect(tests.some((t) => t.exp_alerts.length > 0)).toBe(true);
    expect(tests.some((t) => t.exp_alerts.length === 0)).toBe(true);
  });

  it('is a valid Alertmanager configuration', () => {
    expect(run(amtool, ['check-config', 'alertmanager.yml'])).toContain('SUCCESS');
  });

  it.each([
    [['severity=critical', 'team=sre', 'alertname=CasieCircuitOpen'], 'sre-pager'],
    [['severity=critical', 'team=ss', 'alertname=TradesNearCutoffNotDispatched'], 'sre-pager,ss-team'],
    [['severity=warning', 'team=ss', 'alertname=TradesAckOverdue'], 'ss-team'],
    [['severity=warning', 'team=sre', 'alertname=ConsumerLagGrowing'], 'sre-team'],
    [['severity=critical', 'team=sre', 'test=true'], 'test-sink'],
    [['alertname=Unlabelled'], 'sre-team'],
  ])('routes %j to %s', (labels, receivers) => {
    const output = run(amtool, ['config', 'routes', 'test', '--config.file=alertmanager.yml', ...labels]);
    expect(output.trim()).toBe(receivers);
  });
});
