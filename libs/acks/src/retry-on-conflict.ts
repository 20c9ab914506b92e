import { ConcurrentUpdateError } from '@contingency/ledger';

/** Runs a transaction again when a trade changed under it (optimistic lock lost), a few times. */
export async function retryOnConflict<T>(run: () => Promise<T>, tries = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof ConcurrentUpdateError) || attempt >= tries) throw error;
    }
  }
}
