import type { EntityManager } from 'typeorm';
import type { FundMaster } from '@contingency/ledger';
import { type FundRef, isValidIsin, normaliseIsin } from './rules';

/**
 * The fund master entries one chunk needs, read once per distinct ISIN and only for well-formed ISINs
 * (the rules never look a malformed one up). Lives for one transaction: a reloaded fund master is seen
 * by the next chunk.
 */
export class ChunkFunds {
  private readonly byIsin = new Map<string, FundRef | undefined>();

  constructor(
    private readonly master: FundMaster,
    private readonly tx: EntityManager,
  ) {}

  async load(isinCells: Iterable<string>): Promise<void> {
    const wanted = new Set([...isinCells].map(normaliseIsin));
    for (const isin of wanted) {
      if (this.byIsin.has(isin) || !isValidIsin(isin)) continue;
      this.byIsin.set(isin, (await this.master.find(this.tx, isin)) ?? undefined);
    }
  }

  /** The entry for a fund_isin cell as the file gave it; undefined when the fund master has none. */
  get(isinCell: string): FundRef | undefined {
    const isin = normaliseIsin(isinCell);
    // Unknown must mean "not in the fund master", never "forgot to load": that would be FUND_NOT_FOUND.
    if (isValidIsin(isin) && !this.byIsin.has(isin)) throw new Error(`fund ${isin} was not loaded`);
    return this.byIsin.get(isin);
  }
}
