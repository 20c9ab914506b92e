import { KafkaJSError } from 'kafkajs';

/** Retries kafkajs calls that fail with a retriable error (e.g. NOT_LEADER just after a topic was created). */
export async function retryingKafka<T>(fn: () => Promise<T>, tries = 10, delayMs = 300): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= tries || !(error instanceof KafkaJSError) || !error.retriable) throw error;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}
