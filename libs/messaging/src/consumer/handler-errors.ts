/** The message can never succeed (bad reference, business rule): dead-lettered at once, no retry. */
export class PermanentError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'PermanentError';
  }
}

/** A passing condition (a peer down, a lock lost): retried with backoff, then dead-lettered. */
export class RetryableError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'RetryableError';
  }
}
