import { Counter, Gauge, Histogram, type Metric, type Registry } from 'prom-client';
import { assertMetricName, metricPrefix } from './metric-name';

export const MESSAGE_FAILURE_REASONS = ['retry', 'dead_letter', 'contract'] as const;
export type MessageFailureReason = (typeof MESSAGE_FAILURE_REASONS)[number];

type HttpLabel = 'method' | 'route' | 'status_code';

export interface HttpObservation {
  method: string;
  /** The route template (/api/v1/batches/:id), never the raw URL, or 'unmatched'. */
  route: string;
  statusCode: number;
  seconds: number;
}

/**
 * The metrics of one service, every name prefixed `<service>_`. Ready-made families cover HTTP (RED)
 * and messaging; `counter`, `gauge` and `histogram` get or create the service's own.
 */
export class ServiceMetrics {
  readonly prefix: string;
  readonly httpRequests: Counter<HttpLabel>;
  readonly httpRequestDuration: Histogram<HttpLabel>;
  readonly messagesConsumed: Counter<'topic'>;
  readonly messagesProduced: Counter<'topic'>;
  readonly messagesFailed: Counter<'topic' | 'reason'>;
  readonly messagesRetried: Counter<'topic'>;
  readonly messagesDeadLettered: Counter<'topic'>;
  readonly messageProcessing: Histogram<'topic'>;

  constructor(
    readonly service: string,
    private readonly registry: Registry,
  ) {
    this.prefix = metricPrefix(service);
    const http: HttpLabel[] = ['method', 'route', 'status_code'];
    this.httpRequests = this.counter('http_requests_total', 'HTTP requests answered', http);
    this.httpRequestDuration = this.histogram('http_request_duration_seconds', 'HTTP request duration', http);
    this.messagesConsumed = this.counter('messages_consumed_total', 'Messages consumed', ['topic']);
    this.messagesProduced = this.counter('messages_produced_total', 'Messages produced', ['topic']);
    this.messagesFailed = this.counter('messages_failed_total', 'Messages that failed, by outcome', [
      'topic',
      'reason',
    ]);
    // The two failure outcomes SRE alert on, each a family of its own so that a rule needs no label filter.
    this.messagesRetried = this.counter(
      'messages_retried_total',
      'Failed messages scheduled for another try',
      ['topic'],
    );
    this.messagesDeadLettered = this.counter(
      'messages_dead_lettered_total',
      'Messages sent to their dead-letter topic (attempts exhausted, permanent error or contract violation)',
      ['topic'],
    );
    this.messageProcessing = this.histogram('message_processing_seconds', 'Time to handle a message', [
      'topic',
    ]);
  }

  /** `name` without the service prefix, e.g. casie_requests_total. */
  counter<T extends string>(name: string, help: string, labelNames: readonly T[] = []): Counter<T> {
    if (!name.endsWith('_total')) throw new Error(`counter "${name}" must end in _total`);
    return this.getOrCreate(Counter<T>, name, { help, labelNames });
  }

  gauge<T extends string>(name: string, help: string, labelNames: readonly T[] = []): Gauge<T> {
    return this.getOrCreate(Gauge<T>, name, { help, labelNames });
  }

  histogram<T extends string>(
    name: string,
    help: string,
    labelNames: readonly T[] = [],
    buckets?: number[],
  ): Histogram<T> {
    return this.getOrCreate(Histogram<T>, name, { help, labelNames, ...(buckets && { buckets }) });
  }

  /** Zero series for the topics a service uses, so that rate() and alerts see them before the first message. */
  initTopics(topics: readonly string[]): void {
    for (const topic of topics) {
      this.messagesConsumed.inc({ topic }, 0);
      this.messagesProduced.inc({ topic }, 0);
      for (const reason of MESSAGE_FAILURE_REASONS) this.messagesFailed.inc({ topic, reason }, 0);
      this.messagesRetried.inc({ topic }, 0);
      this.messagesDeadLettered.inc({ topic }, 0);
      this.messageProcessing.zero({ topic });
    }
  }

  messageFailed(topic: string, reason: MessageFailureReason): void {
    this.messagesFailed.inc({ topic, reason });
    if (reason === 'retry') this.messagesRetried.inc({ topic });
    else this.messagesDeadLettered.inc({ topic });
  }

  observeHttp({ method, route, statusCode, seconds }: HttpObservation): void {
    const labels = { method: method.toUpperCase(), route, status_code: String(statusCode) };
    this.httpRequests.inc(labels);
    this.httpRequestDuration.observe(labels, seconds);
  }

  private getOrCreate<M extends Metric<string>>(
    MetricClass: new (config: { name: string; help: string; registers: Registry[] }) => M,
    name: string,
    config: { help: string; labelNames: readonly string[]; buckets?: number[] },
  ): M {
    assertMetricName(name);
    const fullName = `${this.prefix}_${name}`;
    const existing = this.registry.getSingleMetric(fullName);
    if (existing === undefined)
      return new MetricClass({ name: fullName, ...config, registers: [this.registry] });
    // The same name must mean the same metric, or two call sites would silently share a mismatched series.
    if (!(existing instanceof MetricClass) || !sameLabels(existing, config.labelNames)) {
      throw new Error(`metric ${fullName} already exists with another type or labels`);
    }
    return existing;
  }
}

function sameLabels(metric: Metric<string>, labelNames: readonly string[]): boolean {
  const existing: readonly string[] = (metric as unknown as { labelNames: string[] }).labelNames ?? [];
  return existing.length === labelNames.length && labelNames.every((label) => existing.includes(label));
}
