import { InitialLedger1764864000000 } from './1764864000000-initial-ledger';

/** Every migration in order; a new one is appended here after review. */
export const LEDGER_MIGRATIONS = [InitialLedger1764864000000];
