import { DashboardBuilder, RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { stat, timeseries } from './panels';

// The contingency_* gauges count over the whole ledger in every process that computes them: max() merges
// the instances.
const timeToAck = (metric: string) =>
  [0.5, 0.95, 0.99].map((q) => ({
    expr: `histogram_quantile(${q}, sum by (le, route) (rate(${metric}_bucket[$__rate_interval])))`,
    legend: `p${q * 100} {{route}}`,
  }));

/** What the SS team watches during an outage: where the trades are, and what waits for a person. */
export function ssOperationsDashboard(): DashboardBuilder {
  return new DashboardBuilder('Contingency / SS operations')
    .uid('contingency-ss-operations')
    .tags(['contingency', 'ss'])
    .refresh('30s')
    .time({ from: 'now-6h', to: 'now' })
    .timezone('browser')
    .withRow(new RowBuilder('Needs a person'))
    .withPanel(
      stat('Near cut-off, not dispatched', {
        expr: 'sum(max by (route) (contingency_trades_cutoff_at_risk))',
      }),
    )
    .withPanel(
      stat('No ACK within the SLA', { expr: 'sum(max by (route) (contingency_trades_ack_overdue))' }),
    )
    .withPanel(
      stat(
        'Dead-lettered',
        { expr: 'sum(max by (route) (contingency_trades{status="DEAD_LETTERED"}))' },
        { width: 4 },
      ),
    )
    .withPanel(
      stat(
        'Outcome unknown',
        { expr: 'sum(max by (route) (contingency_trades{status="OUTCOME_UNKNOWN"}))' },
        { width: 4 },
      ),
    )
    .withPanel(stat('Unmatched ACKs', { expr: 'max(ack_ingestor_unmatched_acks)' }, { width: 4 }))
    .withRow(new RowBuilder('Trades'))
    .withPanel(
      timeseries('Trades by status', [
        { expr: 'sum by (status) (max by (status, route) (contingency_trades))', legend: '{{status}}' },
      ]),
    )
    .withPanel(
      timeseries('Trades by route', [
        {
          expr: 'sum by (route) (max by (status, route) (contingency_trades{status!~"INVALID|CANCELLED"}))',
          legend: '{{route}}',
        },
      ]),
    )
    .withPanel(
      timeseries(
        'Uploads (batches) by outcome',
        [
          {
            expr: 'sum by (outcome) (increase(upload_gateway_uploads_total[$__rate_interval]))',
            legend: '{{outcome}}',
          },
        ],
        { description: 'Trade files uploaded, per interval: accepted ones become batches.' },
      ),
    )
    .withPanel(
      timeseries('Alerts raised (ACK overdue, cut-off at risk)', [
        {
          expr: 'sum by (kind) (increase(contingency_trade_alerts_total[$__rate_interval]))',
          legend: '{{kind}}',
        },
      ]),
    )
    .withRow(new RowBuilder('Time to answer'))
    .withPanel(timeseries('Release to ACK', timeToAck('ack_ingestor_release_to_ack_seconds'), { unit: 's' }))
    .withPanel(
      timeseries('Release to confirmation', timeToAck('ack_ingestor_release_to_confirmation_seconds'), {
        unit: 's',
      }),
    )
    .withPanel(
      timeseries(
        'ACKs by source and result',
        [
          {
            expr: 'sum by (source, result) (rate(ack_ingestor_acks_total[$__rate_interval]))',
            legend: '{{source}} {{result}}',
          },
        ],
        { unit: 'ops', width: 24 },
      ),
    );
}
