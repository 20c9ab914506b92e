import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { DataqueryBuilder } from '@grafana/grafana-foundation-sdk/prometheus';
import { PanelBuilder as StatBuilder } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TimeseriesBuilder } from '@grafana/grafana-foundation-sdk/timeseries';

/** The Prometheus data source of grafana/provisioning/datasources.yml. */
export const PROMETHEUS: dashboard.DataSourceRef = { type: 'prometheus', uid: 'prometheus' };

/** One PromQL query and how its series are named in the legend. */
export interface Query {
  expr: string;
  legend?: string;
}

/** Every service as its metric prefix (libs/observability: `<service>_<noun>_<unit>`). */
export const SERVICES = [
  'upload_gateway',
  'validation_service',
  'casie_adapter',
  'calastone_adapter',
  'ack_ingestor',
  'simulators',
] as const;

const targets = (queries: readonly Query[]): cog.Builder<cog.Dataquery>[] =>
  queries.map((q, i) =>
    new DataqueryBuilder()
      .expr(q.expr)
      .legendFormat(q.legend ?? '__auto')
      .refId(String.fromCharCode(65 + i)),
  );

export function timeseries(
  title: string,
  queries: readonly Query[],
  { unit = 'short', width = 12, description }: { unit?: string; width?: number; description?: string } = {},
): TimeseriesBuilder {
  const panel = new TimeseriesBuilder()
    .title(title)
    .datasource(PROMETHEUS)
    .targets(targets(queries))
    .unit(unit)
    .min(0)
    .span(width)
    .height(8);
  return description ? panel.description(description) : panel;
}

/** A current value, red from `redAt` up (a queue that should be empty). */
export function stat(
  title: string,
  query: Query,
  { unit = 'short', width = 6, redAt = 1 }: { unit?: string; width?: number; redAt?: number } = {},
): StatBuilder {
  return new StatBuilder()
    .title(title)
    .datasource(PROMETHEUS)
    .targets(targets([query]))
    .unit(unit)
    .span(width)
    .height(5)
    .thresholds(
      new dashboard.ThresholdsConfigBuilder().mode(dashboard.ThresholdsMode.Absolute).steps([
        { value: null, color: 'green' },
        { value: redAt, color: 'red' },
      ]),
    );
}

/** Every panel's PromQL, for the check that each one parses. */
export function expressionsOf(built: dashboard.Dashboard): string[] {
  const panels = (built.panels ?? []).flatMap((p) => [p, ...(('panels' in p && p.panels) || [])]);
  return panels.flatMap((p) =>
    ('targets' in p ? (p.targets ?? []) : []).map((t) => (t as { expr?: string }).expr ?? ''),
  );
}
