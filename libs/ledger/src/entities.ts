// Placeholder replaced by the entity definitions (see entities/).
export const LEDGER_ENTITIES: Function[] = [];
