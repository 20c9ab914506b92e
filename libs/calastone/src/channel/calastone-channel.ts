/** A document waiting in the inbox. */
export interface InboundFile {
  /** The file name inside the inbox folder (never a path). */
  readonly name: string;
  readonly size: number;
  readonly modifiedAt: Date;
}

/** Where an inbound document goes once its effect is committed (or it is refused). */
export type InboundDisposition = 'processed' | 'rejected';

/** What `deliver` found: the document is now under its final name (written by this call or before it). */
export type DeliveryResult = 'written' | 'already-present';

/**
 * Our side of the Calastone mailbox: an outbox we put orders into, an inbox we collect status reports
 * and confirmations from. Implemented over SFTP (production) and over local folders (standalone).
 * Every failure to reach the mailbox is a CalastoneChannelError; the caller decides when to retry.
 */
export interface CalastoneChannel {
  /** For logs and errors: `sftp://user@host:port` or the local root folder. Never a secret. */
  readonly description: string;

  /**
   * The first half of an atomic delivery: writes `content` to the outbox under `tempName` (a hidden
   * `.part` name that no pickup takes), replacing any earlier file of that temporary name.
   */
  stage(tempName: string, content: Buffer): Promise<void>;

  /**
   * The rename half of a delivery: `tempName` becomes `fileName` unless `fileName` already exists, which
   * is never replaced ('already-present', and the temporary file is discarded). Also 'already-present'
   * when a repeated call finds `tempName` gone and `fileName` there (an earlier answer was lost).
   */
  publish(fileName: string, tempName: string): Promise<DeliveryResult>;

  /** Which of these names exist in the outbox right now (final or temporary names alike). */
  presentInOutbox(names: readonly string[]): Promise<Set<string>>;

  /** Removes a temporary file left by an interrupted delivery; absent is fine. */
  discard(tempName: string): Promise<void>;

  /**
   * Inbox documents: regular `*.xml` files directly in the inbox, not hidden (a leading dot marks an
   * upload in progress). Oldest first by modification time, then by name; at most `limit`.
   */
  listInbound(limit: number): Promise<InboundFile[]>;

  /** Reads one inbox document; refuses (CalastoneChannelError TOO_LARGE) one bigger than `maxBytes`. */
  readInbound(name: string, maxBytes: number): Promise<Buffer>;

  /**
   * Moves an inbox document to `processed/` or `rejected/` beside the inbox (created if missing). A
   * document of that name already there is kept: the newcomer gets a unique suffix.
   */
  settleInbound(name: string, disposition: InboundDisposition): Promise<void>;

  /** Opens connections lazily; closes whatever is open. */
  close(): Promise<void>;
}

export type CalastoneChannelErrorCode =
  /** The server could not be reached or dropped the connection: retry later. */
  | 'UNAVAILABLE'
  /** The server's host key is not the pinned one: never retried silently; an operator must look. */
  | 'HOST_KEY_MISMATCH'
  /** The server refused our key. */
  | 'AUTHENTICATION_FAILED'
  /** A file bigger than the caller allows. */
  | 'TOO_LARGE'
  /** Anything else the server answered (permission denied, no such folder...). */
  | 'FAILED';

export class CalastoneChannelError extends Error {
  override readonly name = 'CalastoneChannelError';

  constructor(
    readonly code: CalastoneChannelErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** Whether trying again later may succeed without anyone changing anything. */
  get retryable(): boolean {
    return this.code === 'UNAVAILABLE';
  }
}
