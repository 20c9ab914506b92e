/** Kafka record headers every message of ours carries; the value holds only the payload. */
export const Headers = {
  messageId: 'message-id',
  correlationId: 'correlation-id',
  producedAt: 'produced-at',
  source: 'source',
  /** Delivery attempt of a redelivered message (1 for the first). */
  attempt: 'attempt',
  /** On dead letters: why, and where the message came from. */
  deadLetterReason: 'dlq-reason',
  deadLetterCode: 'dlq-code',
  originalTopic: 'original-topic',
  originalPartition: 'original-partition',
  originalOffset: 'original-offset',
} as const;
