/** A record as producers hand it to the bus. The key (the account id) decides the partition. */
export interface OutgoingRecord {
  topic: string;
  key: string;
  value: string | Buffer;
  headers: Record<string, string>;
}

/** A record as a consumer receives it; `offset` is the Kafka offset or the embedded log's sequence. */
export interface DeliveredRecord {
  topic: string;
  key: string;
  value: Buffer;
  headers: Record<string, string>;
  partition: number;
  offset: string;
}

export interface PublishedRef {
  topic: string;
  messageId: string;
}

/** How many messages of one partition a consumer group has not committed yet. */
export interface PartitionLag {
  topic: string;
  partition: number;
  lag: number;
}

/** What a consumer may do while it works through a batch of one partition. */
export interface ConsumeSession {
  /** This record and everything before it on its partition is done (its transaction committed). */
  commit(record: DeliveredRecord): Promise<void>;
  heartbeat(): Promise<void>;
  /** False once the subscription is stopping or lost the partition: finish the current record and return. */
  isActive(): boolean;
}

export interface SubscribeOptions {
  groupId: string;
  topics: readonly string[];
  /** Where a group without committed offsets starts: the whole log (default) or only what comes next. */
  startFrom?: 'earliest' | 'latest';
  /** Called with consecutive records of one partition, in order; must not throw for handler errors. */
  onBatch(records: DeliveredRecord[], session: ConsumeSession): Promise<void>;
}

export interface Subscription {
  /** Resolves once partitions are assigned and starting offsets are fixed. */
  readonly ready: Promise<void>;
  /** Finishes the in-flight record, commits, leaves the group. */
  stop(): Promise<void>;
}

/** The transport: Kafka in the distributed mode, a log in the ledger database in standalone mode. */
export interface MessageBus {
  readonly kind: 'kafka' | 'embedded';
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  /** Resolves once every record is durably stored (acks=all), in order per key. */
  publish(records: readonly OutgoingRecord[]): Promise<void>;
  /** Which of these message ids are on their topic among the records written since `since`. */
  findPublished(refs: readonly PublishedRef[], since: Date): Promise<Set<string>>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  /**
   * The group's lag on every partition of `topics`: records on the log after its committed offset. A
   * group that has committed nothing yet is behind by everything it will read (`startFrom`).
   */
  consumerLag(
    groupId: string,
    topics: readonly string[],
    startFrom?: 'earliest' | 'latest',
  ): Promise<PartitionLag[]>;
  /** Throws when the bus cannot serve (readiness). */
  checkHealth(): Promise<void>;
}
