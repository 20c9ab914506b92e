import type { OrderType } from '@contingency/contracts';
import type { ValidationCode } from './codes';
import { type Checked, fail, issue, pass, type RuleIssue, show } from './issue';

export const MAX_REF_LENGTH = 35;
export const MAX_COMMENT_LENGTH = 140;

// Control characters (tabs, line breaks, NUL…) have no place in a reference and break XML documents.
const CONTROL = /\p{Cc}/u;
const ORDER_TYPES: readonly OrderType[] = ['SUBSCRIPTION', 'REDEMPTION'];

/** The operator's order reference: 1–35 characters (35 = ISO 20022 Max35Text). */
export function checkClientRef(cell: string): Checked<string> {
  return checkReference(cell, 'client_ref', {
    required: 'CLIENT_REF_REQUIRED',
    tooLong: 'CLIENT_REF_TOO_LONG',
    invalid: 'CLIENT_REF_INVALID_CHARACTERS',
  });
}

export function checkAccountId(cell: string): Checked<string> {
  return checkReference(cell, 'account_id', {
    required: 'ACCOUNT_ID_REQUIRED',
    tooLong: 'ACCOUNT_ID_TOO_LONG',
    invalid: 'ACCOUNT_ID_INVALID_CHARACTERS',
  });
}

/** Optional free text ≤ 140 characters; line breaks and tabs from a spreadsheet cell become spaces. */
export function checkComment(cell: string): Checked<string | null> {
  const text = cell.replace(/[\t\r\n]+/g, ' ').trim();
  if (text === '') return pass(null);
  const issues: RuleIssue[] = [];
  const length = [...text].length;
  if (length > MAX_COMMENT_LENGTH) {
    issues.push(
      issue(
        'COMMENT_TOO_LONG',
        `comment has ${length} characters but at most ${MAX_COMMENT_LENGTH} are allowed: shorten it by ${length - MAX_COMMENT_LENGTH}`,
      ),
    );
  }
  if (CONTROL.test(text)) {
    issues.push(
      issue('COMMENT_INVALID_CHARACTERS', 'comment contains control characters: retype it as plain text'),
    );
  }
  return issues.length > 0 ? fail(...issues) : pass(text);
}

/** SUBSCRIPTION or REDEMPTION, in any case; returned upper-case. */
export function checkOrderType(cell: string): Checked<OrderType> {
  const text = cell.trim();
  if (text === '') {
    return fail(
      issue('ORDER_TYPE_REQUIRED', 'order_type is empty: write SUBSCRIPTION (buy) or REDEMPTION (sell)'),
    );
  }
  const orderType = ORDER_TYPES.find((type) => type === text.toUpperCase());
  if (!orderType) {
    return fail(
      issue(
        'ORDER_TYPE_INVALID',
        `order_type ${show(text)} is not an order type: write SUBSCRIPTION (buy) or REDEMPTION (sell)`,
      ),
    );
  }
  return pass(orderType);
}

interface ReferenceCodes {
  required: ValidationCode;
  tooLong: ValidationCode;
  invalid: ValidationCode;
}

function checkReference(cell: string, column: string, codes: ReferenceCodes): Checked<string> {
  const text = cell.trim();
  if (text === '') {
    return fail(issue(codes.required, `${column} is empty: fill in 1 to ${MAX_REF_LENGTH} characters`));
  }
  const issues: RuleIssue[] = [];
  const length = [...text].length;
  if (length > MAX_REF_LENGTH) {
    issues.push(
      issue(
        codes.tooLong,
        `${column} ${show(text)} has ${length} characters but at most ${MAX_REF_LENGTH} are allowed: shorten it`,
      ),
    );
  }
  if (CONTROL.test(text)) {
    issues.push(
      issue(
        codes.invalid,
        `${column} contains control characters (a tab or line break): retype it on one line`,
      ),
    );
  }
  return issues.length > 0 ? fail(...issues) : pass(text);
}
