import {
  AMOUNT_DIGITS,
  PRICE_DIGITS,
  UNITS_DIGITS,
  xsdDecimalText,
  type DecimalLimits,
} from './decimal-number';
import { isIsoDate, isoDateTime } from './iso-date';
import { namespaceOf, SETR_MESSAGES, type BuildableConfirmationMessageType } from './setr-message-types';
import type { SetrOrderMessageType } from './setr-message-types';
import { el, optTextEl, serializeXml, textEl } from './xml-writer';

export interface ConfirmationInput {
  readonly orderType: 'SUBSCRIPTION' | 'REDEMPTION';
  readonly messageId: string;
  readonly createdAt: Date;
  /** The order message confirmed (RltdRef): its MsgId and type. */
  readonly relatedMessage?: { readonly messageId: string; readonly messageType: SetrOrderMessageType };
  readonly masterRef?: string;
  readonly accountId: string;
  readonly orderRef: string;
  readonly clientRef?: string;
  readonly dealRef: string;
  readonly isin: string;
  /** Decimal strings: units up to 17 decimals, price up to 13, amounts up to 5 (18 digits in all). */
  readonly units: string;
  readonly price: { readonly amount: string; readonly currency: string };
  readonly tradeDate: string;
  readonly settlementAmount: { readonly amount: string; readonly currency: string };
  readonly settlementDate?: string;
}

export function confirmationMessageTypeOf(
  orderType: 'SUBSCRIPTION' | 'REDEMPTION',
): BuildableConfirmationMessageType {
  return orderType === 'SUBSCRIPTION' ? 'setr.012.001.05' : 'setr.006.001.05';
}

/** setr.012.001.05 (subscription) or setr.006.001.05 (redemption) confirming one order, priced at NAV. */
export function buildConfirmation(input: ConfirmationInput): {
  messageType: BuildableConfirmationMessageType;
  xml: string;
} {
  const messageType = confirmationMessageTypeOf(input.orderType);
  const related = input.relatedMessage;
  const execution = el(
    'IndvExctnDtls',
    textEl('OrdrRef', input.orderRef),
    optTextEl('ClntRef', input.clientRef),
    textEl('DealRef', input.dealRef),
    el('FinInstrmDtls', el('Id', textEl('ISIN', input.isin))),
    textEl('UnitsNb', decimal('units', input.units, UNITS_DIGITS)),
    el('TradDtTm', textEl('Dt', isoDate('tradeDate', input.tradeDate))),
    el(
      'DealgPricDtls',
      el('Tp', textEl('Cd', 'NAVL')),
      el(
        'Val',
        textEl('Amt', decimal('price', input.price.amount, PRICE_DIGITS), { Ccy: input.price.currency }),
      ),
    ),
    textEl('SttlmAmt', decimal('settlementAmount', input.settlementAmount.amount, AMOUNT_DIGITS), {
      Ccy: input.settlementAmount.currency,
    }),
    optTextEl('CshSttlmDt', input.settlementDate && isoDate('settlementDate', input.settlementDate)),
    textEl('PrtlyExctdInd', 'false'),
    textEl('CumDvddInd', 'false'),
    textEl('PhysDlvryInd', 'false'),
  );
  const document = el(
    'Document',
    el(
      SETR_MESSAGES[messageType].root,
      el('MsgId', textEl('Id', input.messageId), textEl('CreDtTm', isoDateTime(input.createdAt))),
      related && el('RltdRef', textEl('Ref', related.messageId), textEl('MsgNm', related.messageType)),
      el(
        'MltplExctnDtls',
        optTextEl('MstrRef', input.masterRef),
        el('InvstmtAcctDtls', textEl('AcctId', input.accountId)),
        execution,
      ),
    ),
  );
  return { messageType, xml: serializeXml(document, namespaceOf(messageType)) };
}

function decimal(field: string, value: string, limits: DecimalLimits): string {
  const text = xsdDecimalText(value, limits);
  if (text === undefined) {
    throw new RangeError(
      `${field} ${value} is not a decimal of at most ${limits.totalDigits} digits, ${limits.fractionDigits} after the point`,
    );
  }
  return text;
}

function isoDate(field: string, value: string): string {
  if (!isIsoDate(value)) throw new RangeError(`${field} ${value} is not a date YYYY-MM-DD`);
  return value;
}
