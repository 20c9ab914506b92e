import type { Order } from '@contingency/contracts';
import { buildSetrOrder, type SetrOrderDocument } from '@contingency/iso20022';

/**
 * The setr document an order is sent as: the adapter's and the preview's one builder, so that approvers
 * see exactly what leaves. `sending` numbers the sendings of one order (a replay is the next one) and
 * gives the MsgId; throws SetrPreflightError for a value the XSD would refuse.
 */
export function setrDocumentFor(
  order: Order,
  { createdAt = new Date(), sending = 1 }: { createdAt?: Date; sending?: number } = {},
): SetrOrderDocument {
  return buildSetrOrder(order, { createdAt, attempt: sending });
}
