import type { CalastoneConfig } from '@contingency/config';

/** The Calastone inbox poller. */
export interface CalastoneInboxOptions {
  /** Where the inbox is (AppConfig.calastone): SFTP, or the local folders of standalone mode. */
  channel: CalastoneConfig;
  /** Pause between polls of an inbox that had nothing more to take. Default 1 s. */
  pollMs?: number;
  /** Documents taken per poll, oldest first. Default 100. */
  batchSize?: number;
  /** Documents larger than this go to rejected/ unread (TOO_LARGE). Default 10 MiB. */
  maxBytes?: number;
  /** ISO20022_XSD_DIR: when given, each document is validated against its official XSD (if it is there). */
  xsdDir?: string;
}

export interface AcksModuleOptions {
  /** Poll the Calastone inbox (over its own CalastoneChannelModule); false: only the ta.acks.v1 feed. */
  inbox: CalastoneInboxOptions | false;
  /** How often parked acknowledgments are matched again. Default 2 s. */
  rematchMs?: number;
}

export interface AcksSettings {
  inbox: Required<Omit<CalastoneInboxOptions, 'xsdDir' | 'channel'>> & { xsdDir?: string };
  rematchMs: number;
}

export const ACKS_SETTINGS = Symbol('ACKS_SETTINGS');

export const DEFAULT_INBOX_MAX_BYTES = 10 * 1024 * 1024;

export function resolveAcksOptions(options: Partial<AcksModuleOptions> = {}): AcksSettings {
  const inbox: Partial<CalastoneInboxOptions> = options.inbox || {};
  return {
    inbox: {
      pollMs: inbox.pollMs ?? 1_000,
      batchSize: inbox.batchSize ?? 100,
      maxBytes: inbox.maxBytes ?? DEFAULT_INBOX_MAX_BYTES,
      xsdDir: inbox.xsdDir,
    },
    rematchMs: options.rematchMs ?? 2_000,
  };
}
