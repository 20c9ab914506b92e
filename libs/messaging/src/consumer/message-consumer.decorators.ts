import 'reflect-metadata';
import type { EntityManager } from 'typeorm';
import type { Topic } from '@contingency/contracts';
import type { InboundMessage } from './inbound-message';

const CONSUMER_GROUP = Symbol('messaging:consumer-group');
const HANDLERS = Symbol('messaging:handlers');

export interface OnMessageOptions {
  /** Receive the messages of a fetch together, in one transaction (falls back to one by one on failure). */
  batch?: boolean;
  /**
   * The most messages of a batch handler's chunk (default 100). Larger chunks spread the per-chunk work
   * over more messages; a failed chunk is redone one message at a time.
   */
  maxBatchSize?: number;
  /** Deliveries before a retryable failure is dead-lettered; the module's default otherwise (8). */
  maxAttempts?: number;
}

export interface HandlerMetadata {
  topic: Topic;
  method: string | symbol;
  batch: boolean;
  maxBatchSize?: number;
  maxAttempts?: number;
}

type SingleHandler<T extends Topic> = (message: InboundMessage<T>, tx: EntityManager) => Promise<unknown>;
type BatchHandler<T extends Topic> = (messages: InboundMessage<T>[], tx: EntityManager) => Promise<unknown>;
// Generic in the method so that its exact type only has to fit the handler shape (descriptors are invariant).
type HandlerDecorator<H> = <M extends H>(
  target: object,
  method: string | symbol,
  descriptor: TypedPropertyDescriptor<M>,
) => void;

/** A class whose @OnMessage methods consume as the group `group` (the service name). */
export function MessageConsumer(group: string): ClassDecorator {
  return (target) => Reflect.defineMetadata(CONSUMER_GROUP, group, target);
}

export function OnMessage<T extends Topic>(
  topic: T,
  options: OnMessageOptions & { batch: true },
): HandlerDecorator<BatchHandler<T>>;
export function OnMessage<T extends Topic>(
  topic: T,
  options?: OnMessageOptions & { batch?: false },
): HandlerDecorator<SingleHandler<T>>;
export function OnMessage(
  topic: Topic,
  options: OnMessageOptions = {},
): (target: object, method: string | symbol) => void {
  return (target, method) => {
    const handlers = consumerHandlers(target.constructor);
    const entry: HandlerMetadata = {
      topic,
      method,
      batch: options.batch ?? false,
      maxBatchSize: options.maxBatchSize,
      maxAttempts: options.maxAttempts,
    };
    Reflect.defineMetadata(HANDLERS, [...handlers, entry], target.constructor);
  };
}

export const consumerGroupOf = (type: object): string | undefined =>
  Reflect.getMetadata(CONSUMER_GROUP, type) as string | undefined;

export const consumerHandlers = (type: object): readonly HandlerMetadata[] =>
  (Reflect.getMetadata(HANDLERS, type) as HandlerMetadata[] | undefined) ?? [];
