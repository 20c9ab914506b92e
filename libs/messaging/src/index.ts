export type {
  DeliveredRecord,
  MessageBus,
  OutgoingRecord,
  PartitionLag,
  PublishedRef,
  SubscribeOptions,
  Subscription,
} from './bus/message-bus';
export { EmbeddedBus, type EmbeddedBusOptions } from './bus/embedded-bus';
export { KafkaBus, type KafkaBusOptions } from './bus/kafka-bus';
export type { InboundMessage } from './consumer/inbound-message';
export { PermanentError, RetryableError } from './consumer/handler-errors';
export { MessageConsumer, OnMessage, type OnMessageOptions } from './consumer/message-consumer.decorators';
export type { RetryPolicy } from './consumer/retry-policy';
export { ExternalPublisher } from './external-publisher';
export { MessagingHeaders } from './messaging-headers';
export { MessagingModule } from './nest/messaging.module';
export { MESSAGE_BUS, type MessagingModuleOptions } from './nest/messaging.options';
export { MessagingRuntime, type GroupLag } from './nest/messaging.runtime';
export { OutboxRelay, type OutboxRelayOptions } from './relay/outbox-relay';
export { backoffMs, type BackoffPolicy } from './consumer/backoff';
