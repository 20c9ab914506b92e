import type { Order } from '@contingency/contracts';
import {
  AMOUNT_DIGITS,
  canonicalDecimal,
  fitsDigits,
  UNITS_DIGITS,
  type DecimalLimits,
} from './decimal-number';
import { isIsoDate } from './iso-date';
import { ANY_BIC, partyTexts, type PartyId } from './party';
import { MAX_ATTEMPT, MAX_REF_LENGTH, SAFE_REF, masterRefFor } from './setr-references';
import type { SetrOrderRefs } from './setr-order.refs';
import { codePointLength, describeCharacter, forbiddenLineCharacter } from './xml-text';

export type PreflightCode =
  | 'ORDER_REF_MISSING'
  | 'ORDER_REF_TOO_LONG'
  | 'CLIENT_REF_MISSING'
  | 'CLIENT_REF_TOO_LONG'
  | 'ACCOUNT_ID_MISSING'
  | 'ACCOUNT_ID_TOO_LONG'
  | 'ISIN_INVALID'
  | 'ORDER_TYPE_UNSUPPORTED'
  | 'AMOUNT_OR_UNITS_MISSING'
  | 'AMOUNT_AND_UNITS'
  | 'AMOUNT_INVALID'
  | 'AMOUNT_NOT_POSITIVE'
  | 'AMOUNT_TOO_MANY_DIGITS'
  | 'CURRENCY_MISSING'
  | 'CURRENCY_INVALID'
  | 'UNITS_INVALID'
  | 'UNITS_NOT_POSITIVE'
  | 'UNITS_TOO_MANY_DIGITS'
  | 'TRADE_DATE_INVALID'
  | 'SETTLEMENT_DATE_INVALID'
  | 'MESSAGE_ID_MISSING'
  | 'MESSAGE_ID_TOO_LONG'
  | 'MASTER_REF_MISSING'
  | 'MASTER_REF_TOO_LONG'
  | 'ATTEMPT_INVALID'
  | 'CREATED_AT_INVALID'
  | 'PARTY_INVALID'
  | 'INVALID_CHARACTERS';

export interface PreflightIssue {
  readonly field: string;
  readonly code: PreflightCode;
  readonly message: string;
}

export type PreflightResult =
  { readonly ok: true } | { readonly ok: false; readonly errors: PreflightIssue[] };

/** The order as setr.010/setr.004 would refuse it, found before any XML is written. */
export class SetrPreflightError extends Error {
  override readonly name = 'SetrPreflightError';

  constructor(readonly errors: readonly PreflightIssue[]) {
    super(errors.map((e) => `${e.field}: ${e.code} (${e.message})`).join('; '));
  }

  /** The first problem's code, for a NACK reason. */
  get code(): PreflightCode {
    return this.errors[0].code;
  }
}

const ISIN = /^[A-Z]{2}[A-Z0-9]{9}[0-9]$/;
const CURRENCY = /^[A-Z]{3}$/;

/**
 * Every value of the order (and of the refs) that the setr.010.001.04 / setr.004.001.04 XSD would
 * refuse, with a stable code per problem. Values outside the XSD's rules but meaningless for an order
 * (a zero amount, a blank account) are refused too.
 */
export function preflight(order: Order, refs: Partial<SetrOrderRefs> = {}): PreflightResult {
  const errors: PreflightIssue[] = [];
  const add = (field: string, code: PreflightCode, message: string): void => {
    errors.push({ field, code, message });
  };

  const orderRefOk = checkText(
    add,
    'orderRef',
    order.orderRef,
    'OrdrRef',
    'ORDER_REF_MISSING',
    'ORDER_REF_TOO_LONG',
  );
  if (orderRefOk && !SAFE_REF.test(order.orderRef)) {
    add(
      'orderRef',
      'INVALID_CHARACTERS',
      'orderRef names the outbound file: use only letters, digits, - and _',
    );
  }
  checkText(add, 'clientRef', order.clientRef, 'ClntRef', 'CLIENT_REF_MISSING', 'CLIENT_REF_TOO_LONG');
  checkText(
    add,
    'accountId',
    order.accountId,
    'InvstmtAcctDtls/AcctId',
    'ACCOUNT_ID_MISSING',
    'ACCOUNT_ID_TOO_LONG',
  );

  if (typeof order.fundIsin !== 'string' || !ISIN.test(order.fundIsin)) {
    add(
      'fundIsin',
      'ISIN_INVALID',
      `fundIsin "${String(order.fundIsin)}" is not an ISIN (2 letters, 9 letters or digits, 1 digit)`,
    );
  }
  if (order.orderType !== 'SUBSCRIPTION' && order.orderType !== 'REDEMPTION') {
    add(
      'orderType',
      'ORDER_TYPE_UNSUPPORTED',
      `orderType must be SUBSCRIPTION or REDEMPTION, not "${String(order.orderType)}"`,
    );
  }
  checkQuantity(add, order);
  if (!isIsoDate(order.tradeDate)) {
    add(
      'tradeDate',
      'TRADE_DATE_INVALID',
      `tradeDate "${String(order.tradeDate)}" is not a calendar date YYYY-MM-DD`,
    );
  }
  if (order.settlementDate !== null && !isIsoDate(order.settlementDate)) {
    add(
      'settlementDate',
      'SETTLEMENT_DATE_INVALID',
      `settlementDate "${String(order.settlementDate)}" is not a calendar date YYYY-MM-DD`,
    );
  }
  checkRefs(add, order, refs);
  return errors.length === 0 ? { ok: true } : { ok: false, errors };
}

type Add = (field: string, code: PreflightCode, message: string) => void;

function checkText(
  add: Add,
  field: string,
  value: unknown,
  path: string,
  missing: PreflightCode,
  tooLong: PreflightCode,
  max = MAX_REF_LENGTH,
): boolean {
  if (typeof value !== 'string' || value.trim() === '') {
    add(field, missing, `${field} is empty; ${path} needs 1 to ${max} characters`);
    return false;
  }
  const length = codePointLength(value);
  if (length > max) {
    add(field, tooLong, `${field} is ${length} characters; ${path} holds at most ${max} — shorten it`);
    return false;
  }
  const bad = forbiddenLineCharacter(value);
  if (bad !== undefined) {
    add(
      field,
      'INVALID_CHARACTERS',
      `${field} contains the control character ${describeCharacter(bad)}; remove it`,
    );
    return false;
  }
  return true;
}

function checkQuantity(add: Add, order: Order): void {
  const hasAmount = order.amount !== null && order.amount !== undefined;
  const hasUnits = order.units !== null && order.units !== undefined;
  if (hasAmount && hasUnits) {
    add('amount', 'AMOUNT_AND_UNITS', 'an order has an amount or units, not both (AmtOrUnits is a choice)');
    return;
  }
  if (!hasAmount && !hasUnits) {
    add('amount', 'AMOUNT_OR_UNITS_MISSING', 'an order needs an amount (with its currency) or units');
    return;
  }
  if (hasAmount) {
    checkDecimal(add, 'amount', order.amount, AMOUNT_DIGITS, 'AMOUNT');
    if (order.currency === null || order.currency === undefined || order.currency === '') {
      add('currency', 'CURRENCY_MISSING', 'an amount needs its currency (the Ccy attribute)');
    } else if (!CURRENCY.test(order.currency)) {
      add(
        'currency',
        'CURRENCY_INVALID',
        `currency "${order.currency}" is not three capital letters (ISO 4217)`,
      );
    }
  } else {
    checkDecimal(add, 'units', order.units, UNITS_DIGITS, 'UNITS');
  }
}

function checkDecimal(
  add: Add,
  field: string,
  value: unknown,
  limits: DecimalLimits,
  prefix: 'AMOUNT' | 'UNITS',
): void {
  const decimal = typeof value === 'string' ? canonicalDecimal(value) : undefined;
  if (decimal === undefined) {
    add(field, `${prefix}_INVALID`, `${field} "${String(value)}" is not a plain decimal such as 1000.50`);
  } else if (decimal.isZero) {
    add(field, `${prefix}_NOT_POSITIVE`, `${field} must be more than zero`);
  } else if (!fitsDigits(decimal, limits)) {
    add(
      field,
      `${prefix}_TOO_MANY_DIGITS`,
      `${field} ${value as string} has ${decimal.totalDigits} digits, ${decimal.fractionDigits} after the point; ` +
        `the XSD allows at most ${limits.totalDigits}, ${limits.fractionDigits} after the point`,
    );
  }
}

function checkRefs(add: Add, order: Order, refs: Partial<SetrOrderRefs>): void {
  if (
    refs.createdAt !== undefined &&
    !(refs.createdAt instanceof Date && Number.isFinite(refs.createdAt.getTime()))
  ) {
    add('refs.createdAt', 'CREATED_AT_INVALID', 'createdAt must be a valid Date');
  }
  const attempt = refs.attempt ?? 1;
  if (!Number.isInteger(attempt) || attempt < 1 || attempt > MAX_ATTEMPT) {
    add('refs.attempt', 'ATTEMPT_INVALID', `attempt must be an integer from 1 to ${MAX_ATTEMPT}`);
  }
  // A derived MsgId always fits; only a given one is checked.
  if (refs.messageId !== undefined) {
    checkText(add, 'refs.messageId', refs.messageId, 'MsgId/Id', 'MESSAGE_ID_MISSING', 'MESSAGE_ID_TOO_LONG');
  }
  if (refs.masterRef !== undefined) {
    checkText(add, 'refs.masterRef', refs.masterRef, 'MstrRef', 'MASTER_REF_MISSING', 'MASTER_REF_TOO_LONG');
  } else if (typeof order.batchId !== 'string' || order.batchId === '') {
    add('batchId', 'MASTER_REF_MISSING', 'the order has no batch id to give the MstrRef');
  } else {
    try {
      masterRefFor(order.batchId);
    } catch (error) {
      add('batchId', 'MASTER_REF_TOO_LONG', (error as Error).message);
    }
  }
  checkParty(add, 'refs.instructingParty', refs.instructingParty);
  checkParty(add, 'refs.accountServicer', refs.accountServicer);
}

function checkParty(add: Add, field: string, party: PartyId | undefined): void {
  if (party === undefined) return;
  if ('bic' in party) {
    if (!ANY_BIC.test(party.bic))
      add(`${field}.bic`, 'PARTY_INVALID', `"${party.bic}" is not a BIC (8 or 11 characters)`);
    return;
  }
  for (const text of partyTexts(party)) {
    const name = `${field}.${text.field}`;
    checkText(add, name, text.value, name, 'PARTY_INVALID', 'PARTY_INVALID', text.max);
  }
}
