/** Headers of our own on top of the contract's `Headers`: how redeliveries and dead letters are traced. */
export const MessagingHeaders = {
  /** A delayed redelivery is meant for this consumer group only; other groups skip it. */
  redeliveryFor: 'redelivery-for',
  /** The message id of the first delivery, on redeliveries and dead letters. */
  originalMessageId: 'original-message-id',
  /** On dead letters: the consumer group that gave up. */
  consumerGroup: 'consumer-group',
} as const;

/** Keys the relay keeps in an outbox row's headers for itself; never published. */
export const OutboxRowKeys = {
  /** The relay instance that claimed the row (see outbox-relay.ts). */
  relayClaim: 'x-relay-claim',
  /** 'base64' when the payload holds bytes that were not JSON (dead letters of garbage). */
  valueEncoding: 'x-value-encoding',
} as const;
