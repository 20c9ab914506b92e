import type { PartyId } from './party';

/** What a setr order document needs beyond the order itself. */
export interface SetrOrderRefs {
  /** MsgId/CreDtTm. */
  readonly createdAt: Date;
  /** Which sending of the order this is (1 = first); gives the MsgId when messageId is absent. */
  readonly attempt?: number;
  /** MsgId/Id; default messageIdFor(order.orderRef, attempt ?? 1). */
  readonly messageId?: string;
  /** MltplOrdrDtls/MstrRef; default masterRefFor(order.batchId). */
  readonly masterRef?: string;
  /** Who sends the order (us): IndvOrdrDtls/RltdPtyDtls with role INTR. */
  readonly instructingParty?: PartyId;
  /** The fund's account servicer (TA): InvstmtAcctDtls/AcctSvcr. */
  readonly accountServicer?: PartyId;
}
