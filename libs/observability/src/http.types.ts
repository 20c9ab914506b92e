import type { IncomingMessage, ServerResponse } from 'node:http';

// The few Express fields we read; @types/express is not a dependency of the repo.
export interface HttpRequest extends IncomingMessage {
  baseUrl?: string;
  /** Set by Express once a route matched: its path is the template (/batches/:id). */
  route?: { path?: unknown };
}

export type HttpResponse = ServerResponse;
export type NextFunction = (error?: unknown) => void;
