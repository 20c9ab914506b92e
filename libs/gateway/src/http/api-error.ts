/**
 * A refusal the caller can act on: the HTTP status, a stable code and a message saying what is wrong
 * and how to fix it. Rendered as `{ "error": { "code", "message" } }` by the API exception filter.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
