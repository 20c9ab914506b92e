import type { CalastoneConfig } from '@contingency/config';
import type { CalastoneRulesRequest } from './calastone-rules';

/** The mailbox the simulator works on: in standalone, DATA_DIR/calastone with its outbound and inbound. */
export interface CalastoneSimulatorOptions {
  /** The root of the mailbox (AppConfig calastone.localRoot). */
  root: string;
  /** Default 'outbound' (AppConfig calastone.outboundDir). */
  outboundDir?: string;
  /** Default 'inbound' (AppConfig calastone.inboundDir). */
  inboundDir?: string;
  /** How often the outbox is looked at. Default 200 ms. */
  pollMs?: number;
  /** The rules at start (PUT /sim/calastone/rules changes them); default: accept and confirm all. */
  rules?: CalastoneRulesRequest;
}

export const CALASTONE_SIMULATOR_OPTIONS = Symbol('CALASTONE_SIMULATOR_OPTIONS');

/** The simulator on the mailbox a process's configuration names (Calastone's side of the same folders). */
export function calastoneSimulatorOn(mailbox: CalastoneConfig): CalastoneSimulatorOptions {
  return { root: mailbox.localRoot, outboundDir: mailbox.outboundDir, inboundDir: mailbox.inboundDir };
}
