import type { EmbeddedBusOptions } from '../bus/embedded-bus';
import type { KafkaBusOptions } from '../bus/kafka-bus';
import type { RetryPolicy } from '../consumer/retry-policy';
import type { OutboxRelayOptions } from '../relay/outbox-relay';

export interface MessagingModuleOptions {
  /** 'kafka' in the distributed mode; 'embedded' (the ledger database as the log) in standalone. */
  bus: 'kafka' | 'embedded';
  brokers?: string[];
  clientId: string;
  /** Metrics prefix; the ObservabilityModule's service when omitted. */
  service?: string;
  /** Start the @MessageConsumer providers after bootstrap. */
  consumers: boolean;
  /** Run the outbox relay (true, or its options). */
  relay: boolean | OutboxRelayOptions;
  /** Where a new consumer group starts; 'earliest' (the default) misses nothing. */
  startFrom?: 'earliest' | 'latest';
  /** Prepended to the bus's consumer group ids (KAFKA_GROUP_PREFIX), e.g. to isolate test runs. */
  groupPrefix?: string;
  retry?: Partial<RetryPolicy>;
  kafka?: Pick<KafkaBusOptions, 'partitions' | 'topics' | 'consumer' | 'healthTimeoutMs'>;
  embedded?: Pick<EmbeddedBusOptions, 'pollIntervalMs' | 'fetchSize'>;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
/** The MessageBus of the process. */
export const MESSAGE_BUS = Symbol('MESSAGE_BUS');
export const MESSAGING_TELEMETRY = Symbol('MESSAGING_TELEMETRY');
