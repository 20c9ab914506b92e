// Versioned topic names: a breaking change to a message means a new topic (.v2), never an edit here.
export const Topics = {
  tradesReceived: 'trades.received.v1',
  tradesValidated: 'trades.validated.v1',
  ordersCasie: 'orders.casie.v1',
  ordersCalastone: 'orders.calastone.v1',
  tradesStatus: 'trades.status.v1',
  taAcks: 'ta.acks.v1',
} as const;

export type Topic = (typeof Topics)[keyof typeof Topics];

export const ALL_TOPICS: readonly Topic[] = Object.values(Topics);

export const deadLetterTopic = (topic: Topic): string => `${topic}.dlq`;

export const isTopic = (name: string): name is Topic => (ALL_TOPICS as readonly string[]).includes(name);
