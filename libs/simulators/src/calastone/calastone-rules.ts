import { z } from 'zod';
import { REJECTED_REASON_CODES, type RejectedReasonCode } from '@contingency/iso20022';

export const CONFIRMATION_VERSIONS = ['001.04', '001.05'] as const;
export type ConfirmationVersion = (typeof CONFIRMATION_VERSIONS)[number];

/** Reject the orders of an account, of a fund, of both, or (neither given) every order. */
export const CalastoneRejectionRule = z
  .object({
    accountId: z.string().min(1).max(35).optional(),
    fundIsin: z.string().length(12).optional(),
    reasonCode: z.enum(REJECTED_REASON_CODES),
    /** AddtlInf of the rejection (Max350Text). */
    reasonText: z.string().min(1).max(350).optional(),
  })
  .strict();
export type CalastoneRejectionRule = z.infer<typeof CalastoneRejectionRule>;

/** PUT /sim/calastone/rules: the whole rule set (what is left out takes its default). */
export const CalastoneRulesRequest = z
  .object({
    /** The first rule that matches an order rejects it. */
    rejections: z.array(CalastoneRejectionRule).max(100).optional(),
    /** Whether an accepted order is confirmed (setr.012 / setr.006) after its PACK. */
    confirm: z.boolean().optional(),
    confirmationVersion: z.enum(CONFIRMATION_VERSIONS).optional(),
    /** The confirmation is written before the PACK. */
    outOfOrder: z.boolean().optional(),
    /** Every answer document is written twice, under two file names. */
    repeatReports: z.boolean().optional(),
    /** The wait before each answer document of an order. */
    answerDelayMs: z.number().int().min(0).max(600_000).optional(),
  })
  .strict();
export type CalastoneRulesRequest = z.infer<typeof CalastoneRulesRequest>;

export interface CalastoneRules {
  rejections: CalastoneRejectionRule[];
  confirm: boolean;
  confirmationVersion: ConfirmationVersion;
  outOfOrder: boolean;
  repeatReports: boolean;
  answerDelayMs: number;
}

// .001.05 by default: it is the confirmation version whose XSD is in ISO20022_XSD_DIR, so every
// document the simulator writes by default can be validated (.001.04 is there on request).
export function calastoneRules(request: CalastoneRulesRequest = {}): CalastoneRules {
  return {
    rejections: request.rejections ?? [],
    confirm: request.confirm ?? true,
    confirmationVersion: request.confirmationVersion ?? '001.05',
    outOfOrder: request.outOfOrder ?? false,
    repeatReports: request.repeatReports ?? false,
    answerDelayMs: request.answerDelayMs ?? 0,
  };
}

/** What the simulator needs to know of an order to decide on it. */
export interface OrderToDecide {
  accountId: string;
  fundIsin?: string;
  /** Whether the order can be priced: it has a fund and a quantity that fit a confirmation. */
  priceable: boolean;
  /** Whether an order with this OrdrRef was received before. */
  alreadyReceived: boolean;
}

export type CalastoneDecision =
  { kind: 'accept' } | { kind: 'reject'; reasonCode: RejectedReasonCode; reasonText: string };

/** Calastone's checks first (a known OrdrRef, an order it cannot read), then the drill's rules. */
export function decide(order: OrderToDecide, rules: CalastoneRules): CalastoneDecision {
  if (order.alreadyReceived) {
    return reject('ORRF', 'order reference is a duplicate of a previously received order');
  }
  if (order.fundIsin === undefined) return reject('DSEC', 'the order names no fund ISIN');
  if (!order.priceable) return reject('DQUA', 'the order quantity cannot be dealt');
  const rule = rules.rejections.find(
    (r) =>
      (r.accountId === undefined || r.accountId === order.accountId) &&
      (r.fundIsin === undefined || r.fundIsin === order.fundIsin),
  );
  if (rule) return reject(rule.reasonCode, rule.reasonText ?? 'rejected by a Calastone simulator rule');
  return { kind: 'accept' };
}

function reject(reasonCode: RejectedReasonCode, reasonText: string): CalastoneDecision {
  return { kind: 'reject', reasonCode, reasonText };
}

/** One document of Calastone's answer to an order. */
export type AnswerStep = 'RECEIVED' | 'ACCEPTED' | 'REJECTED' | 'CONFIRMED';

/**
 * The documents answering one order, in the order they are written: RECE, then PACK or the rejection,
 * then the confirmation (before the PACK when out of order). A duplicate OrdrRef gets its rejection only.
 */
export function answerSteps(
  decision: CalastoneDecision,
  rules: CalastoneRules,
  duplicate: boolean,
): AnswerStep[] {
  if (decision.kind === 'reject') return duplicate ? ['REJECTED'] : ['RECEIVED', 'REJECTED'];
  if (!rules.confirm) return ['RECEIVED', 'ACCEPTED'];
  return rules.outOfOrder ? ['RECEIVED', 'CONFIRMED', 'ACCEPTED'] : ['RECEIVED', 'ACCEPTED', 'CONFIRMED'];
}
