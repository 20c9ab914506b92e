import { DashboardBuilder, RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { timeseries } from './panels';

/** The bus and the ledger's outbox: lag per topic, throughput, processing time. */
export function kafkaLedgerDashboard(): DashboardBuilder {
  return new DashboardBuilder('Contingency / Kafka and ledger')
    .uid('contingency-kafka-ledger')
    .tags(['contingency', 'kafka'])
    .refresh('30s')
    .time({ from: 'now-3h', to: 'now' })
    .timezone('browser')
    .withRow(new RowBuilder('Topics'))
    .withPanel(
      timeseries('Consumer lag per topic', [
        { expr: 'sum by (topic) ({__name__=~".+_consumer_lag_messages"})', legend: '{{topic}}' },
      ]),
    )
    .withPanel(
      timeseries('Consumer lag per partition', [
        {
          expr: 'max by (service, topic, partition) ({__name__=~".+_consumer_lag_messages"})',
          legend: '{{service}} {{topic}}[{{partition}}]',
        },
      ]),
    )
    .withPanel(
      timeseries(
        'Produced per topic',
        [
          {
            expr: 'sum by (topic) (rate({__name__=~".+_messages_produced_total"}[$__rate_interval]))',
            legend: '{{topic}}',
          },
        ],
        { unit: 'ops' },
      ),
    )
    .withPanel(
      timeseries(
        'Consumed per topic',
        [
          {
            expr: 'sum by (topic) (rate({__name__=~".+_messages_consumed_total"}[$__rate_interval]))',
            legend: '{{topic}}',
          },
        ],
        { unit: 'ops' },
      ),
    )
    .withPanel(
      timeseries(
        'Processing time p95 per topic',
        [
          {
            expr: 'histogram_quantile(0.95, sum by (topic, le) (rate({__name__=~".+_message_processing_seconds_bucket"}[$__rate_interval])))',
            legend: '{{topic}}',
          },
        ],
        { unit: 's' },
      ),
    )
    .withPanel(
      timeseries(
        'Failed per topic',
        [
          {
            expr: 'sum by (topic, reason) (rate({__name__=~".+_messages_failed_total"}[$__rate_interval]))',
            legend: '{{topic}} {{reason}}',
          },
        ],
        { unit: 'ops' },
      ),
    )
    .withRow(new RowBuilder('Outbox (ledger)'))
    .withPanel(
      timeseries('Outbox pending per service', [
        { expr: 'max by (service) ({__name__=~".+_outbox_pending_messages"})', legend: '{{service}}' },
      ]),
    )
    .withPanel(
      timeseries(
        'Outbox oldest pending age',
        [
          {
            expr: 'max by (service) ({__name__=~".+_outbox_oldest_pending_age_seconds"})',
            legend: '{{service}}',
          },
        ],
        { unit: 's' },
      ),
    )
    .withRow(new RowBuilder('Processes'))
    .withPanel(
      timeseries(
        'Event loop lag p99',
        [{ expr: 'max by (job) (nodejs_eventloop_lag_p99_seconds)', legend: '{{job}}' }],
        { unit: 's' },
      ),
    )
    .withPanel(
      timeseries(
        'Resident memory',
        [{ expr: 'max by (job) (process_resident_memory_bytes)', legend: '{{job}}' }],
        {
          unit: 'bytes',
        },
      ),
    );
}
