import { canaryProbe } from '@contingency/platform';
import { CasieClient } from './casie.client';

/**
 * An order reference no trade ever has (`MC` + the nil UUID's digits): asking Casie for its status is
 * free of side effects, and any answer of the contract (404 here) proves Casie is there.
 */
export const CANARY_ORDER_REF = `MC${'0'.repeat(32)}`;

export async function probeCasie(client: CasieClient): Promise<void> {
  const status = await client.status(CANARY_ORDER_REF);
  if (status.kind === 'unreachable') throw new Error(status.reason);
}

export const casieCanaryProbe = canaryProbe({
  service: 'casie-adapter',
  target: 'casie',
  inject: [CasieClient],
  probe: probeCasie,
});
