import { z } from 'zod';
import { MessageSchemas, type PayloadOf } from './messages';
import type { Topic } from './topics';

/** A message that does not match its topic's schema: never published, dead-lettered when consumed. */
export class ContractViolation extends Error {
  constructor(
    readonly topic: string,
    readonly issues: string,
  ) {
    super(`message does not match the ${topic} contract: ${issues}`);
    this.name = 'ContractViolation';
  }
}

export function parsePayload<T extends Topic>(topic: T, value: unknown): PayloadOf<T> {
  const result = MessageSchemas[topic].safeParse(value);
  if (!result.success) throw new ContractViolation(topic, z.prettifyError(result.error).replace(/\n/g, '; '));
  return result.data as PayloadOf<T>;
}
