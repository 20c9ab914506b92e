import { DashboardBuilder, RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { stat, timeseries } from './panels';

// Families are selected across services by name; the `service` label comes from the scrape config
// (deploy/prometheus/prometheus.yml) and keeps the services apart once rate() drops the name.
const byService = (family: string, filter = '') =>
  `sum by (service) (rate({__name__=~".+_${family}"${filter}}[$__rate_interval]))`;

/** RED per service, the bus, the delivery routes and their canaries. */
export function sreDashboard(): DashboardBuilder {
  return new DashboardBuilder('Contingency / SRE')
    .uid('contingency-sre')
    .tags(['contingency', 'sre'])
    .refresh('30s')
    .time({ from: 'now-3h', to: 'now' })
    .timezone('browser')
    .withRow(new RowBuilder('Services'))
    .withPanel(stat('Targets down', { expr: 'count(up == 0) or vector(0)' }, { width: 4 }))
    .withPanel(
      stat(
        'Gateway 5xx ratio (1h)',
        { expr: 'upload_gateway:http_errors:ratio_rate1h' },
        {
          unit: 'percentunit',
          width: 4,
          redAt: 0.001,
        },
      ),
    )
    .withPanel(
      stat(
        'Gateway requests over 1 s (1h)',
        { expr: 'upload_gateway:http_slow:ratio_rate1h' },
        {
          unit: 'percentunit',
          width: 4,
          redAt: 0.01,
        },
      ),
    )
    .withPanel(timeseries('Up', [{ expr: 'up', legend: '{{job}} {{instance}}' }], { width: 12 }))
    .withPanel(
      timeseries('Requests', [{ expr: byService('http_requests_total'), legend: '{{service}}' }], {
        unit: 'reqps',
        width: 8,
      }),
    )
    .withPanel(
      timeseries(
        'Errors (5xx ratio)',
        [
          {
            expr: `${byService('http_requests_total', ',status_code=~"5.."')} / ${byService('http_requests_total')}`,
            legend: '{{service}}',
          },
        ],
        { unit: 'percentunit', width: 8 },
      ),
    )
    .withPanel(
      timeseries(
        'Duration p95',
        [
          {
            expr: 'histogram_quantile(0.95, sum by (service, le) (rate({__name__=~".+_http_request_duration_seconds_bucket"}[$__rate_interval])))',
            legend: '{{service}}',
          },
        ],
        { unit: 's', width: 8 },
      ),
    )
    .withRow(new RowBuilder('Bus'))
    .withPanel(
      timeseries(
        'Consumer lag',
        [
          {
            expr: 'sum by (service, topic) ({__name__=~".+_consumer_lag_messages"})',
            legend: '{{service}} {{topic}}',
          },
        ],
        { width: 8 },
      ),
    )
    .withPanel(
      timeseries(
        'Outbox pending',
        [{ expr: 'max by (service) ({__name__=~".+_outbox_pending_messages"})', legend: '{{service}}' }],
        { width: 8 },
      ),
    )
    .withPanel(
      timeseries(
        'Outbox oldest pending',
        [
          {
            expr: 'max by (service) ({__name__=~".+_outbox_oldest_pending_age_seconds"})',
            legend: '{{service}}',
          },
        ],
        { unit: 's', width: 8 },
      ),
    )
    .withPanel(
      timeseries('Message failures (retries, dead letters, contract)', [
        {
          expr: 'sum by (service, reason) (rate({__name__=~".+_messages_failed_total"}[$__rate_interval]))',
          legend: '{{service}} {{reason}}',
        },
      ]),
    )
    .withPanel(
      timeseries('Dead letters', [
        {
          expr: 'sum by (service) (increase({__name__=~".+_dead_letters_total|.+_messages_dead_lettered_total"}[$__rate_interval]))',
          legend: '{{service}}',
        },
      ]),
    )
    .withRow(new RowBuilder('Delivery'))
    .withPanel(
      timeseries(
        'Casie circuit (0 closed, 1 half-open, 2 open)',
        [{ expr: 'max by (destination) (casie_adapter_circuit_state)', legend: '{{destination}}' }],
        { width: 8 },
      ),
    )
    .withPanel(
      timeseries(
        'Casie attempts by outcome',
        [
          {
            expr: 'sum by (outcome) (rate(casie_adapter_delivery_attempts_total[$__rate_interval]))',
            legend: '{{outcome}}',
          },
          { expr: 'sum(rate(casie_adapter_failovers_total[$__rate_interval]))', legend: 'failover' },
        ],
        { unit: 'ops', width: 8 },
      ),
    )
    .withPanel(
      timeseries(
        'Deliveries pending',
        [
          { expr: 'sum by (kind) (casie_adapter_deliveries_pending)', legend: 'casie {{kind}}' },
          { expr: 'sum(calastone_adapter_deliveries_pending)', legend: 'calastone' },
        ],
        { width: 8 },
      ),
    )
    .withPanel(
      timeseries(
        'Calastone mailbox up',
        [{ expr: 'min by (instance) (calastone_adapter_mailbox_up)', legend: '{{instance}}' }],
        { width: 8 },
      ),
    )
    .withPanel(
      timeseries(
        'Calastone attempts by outcome',
        [
          {
            expr: 'sum by (outcome) (rate(calastone_adapter_delivery_attempts_total[$__rate_interval]))',
            legend: '{{outcome}}',
          },
        ],
        { unit: 'ops', width: 8 },
      ),
    )
    .withPanel(
      timeseries(
        'Calastone inbox rejected',
        [
          {
            expr: 'sum by (reason) (increase(ack_ingestor_inbox_rejected_total[$__rate_interval]))',
            legend: '{{reason}}',
          },
        ],
        { width: 8 },
      ),
    )
    .withRow(new RowBuilder('Canaries'))
    .withPanel(
      timeseries(
        'Canary failure ratio (1h)',
        [
          {
            expr: 'sum by (service, target) (increase({__name__=~".+_canary_probes_total",outcome="failure"}[1h])) / sum by (service, target) (increase({__name__=~".+_canary_probes_total"}[1h]))',
            legend: '{{target}}',
          },
        ],
        { unit: 'percentunit' },
      ),
    )
    .withPanel(
      timeseries(
        'Since last successful probe',
        [
          {
            expr: 'time() - max by (target) ({__name__=~".+_canary_last_success_timestamp_seconds"})',
            legend: '{{target}}',
          },
        ],
        { unit: 's' },
      ),
    );
}
