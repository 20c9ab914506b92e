import type { Order } from '@contingency/contracts';
import { AMOUNT_DIGITS, UNITS_DIGITS, xsdDecimalText } from './decimal-number';
import { isoDateTime } from './iso-date';
import { partyEl } from './party';
import { namespaceOf, SETR_MESSAGES, type SetrOrderMessageType } from './setr-message-types';
import { preflight, SetrPreflightError } from './setr-order.preflight';
import type { SetrOrderRefs } from './setr-order.refs';
import { masterRefFor, messageIdFor, orderFileName } from './setr-references';
import { el, optTextEl, serializeXml, textEl, type XmlElement } from './xml-writer';

export interface SetrOrderDocument {
  readonly messageType: SetrOrderMessageType;
  /** MsgId/Id: record it, ACKs may name the order by it. */
  readonly messageId: string;
  readonly masterRef: string;
  readonly fileName: string;
  readonly xml: string;
}

export function orderMessageTypeOf(orderType: Order['orderType']): SetrOrderMessageType {
  return orderType === 'SUBSCRIPTION' ? 'setr.010.001.04' : 'setr.004.001.04';
}

/**
 * One order as one setr.010.001.04 (subscription) or setr.004.001.04 (redemption) document, mapped as
 * docs/contracts/calastone-v1.md says. Throws SetrPreflightError, before writing anything, for any value
 * the XSD would refuse.
 */
export function buildSetrOrder(order: Order, refs: SetrOrderRefs): SetrOrderDocument {
  const checked = preflight(order, refs);
  if (!checked.ok) throw new SetrPreflightError(checked.errors);

  const messageType = orderMessageTypeOf(order.orderType);
  const messageId = refs.messageId ?? messageIdFor(order.orderRef, refs.attempt ?? 1);
  const masterRef = refs.masterRef ?? masterRefFor(order.batchId);
  const subscription = order.orderType === 'SUBSCRIPTION';

  const individualOrder = el(
    'IndvOrdrDtls',
    textEl('OrdrRef', order.orderRef),
    textEl('ClntRef', order.clientRef),
    el('FinInstrmDtls', el('Id', textEl('ISIN', order.fundIsin))),
    el(subscription ? 'AmtOrUnits' : 'AmtOrUnitsOrPctg', quantity(order)),
    optTextEl('CshSttlmDt', order.settlementDate),
    textEl('PhysDlvryInd', 'false'),
    refs.instructingParty &&
      el('RltdPtyDtls', partyEl('Id', refs.instructingParty), el('Role', textEl('Cd', 'INTR'))),
  );
  const document = el(
    'Document',
    el(
      SETR_MESSAGES[messageType].root,
      el('MsgId', textEl('Id', messageId), textEl('CreDtTm', isoDateTime(refs.createdAt))),
      el(
        'MltplOrdrDtls',
        textEl('MstrRef', masterRef),
        optTextEl('ReqdFutrTradDt', requestedFutureTradeDate(order.tradeDate, refs.createdAt)),
        el(
          'InvstmtAcctDtls',
          textEl('AcctId', order.accountId),
          refs.accountServicer && partyEl('AcctSvcr', refs.accountServicer),
        ),
        individualOrder,
      ),
    ),
  );
  return {
    messageType,
    messageId,
    masterRef,
    fileName: orderFileName(order.orderRef, messageType),
    xml: serializeXml(document, namespaceOf(messageType)),
  };
}

// The element is for a *future* dealing date only (the message rules say so); an order for today's
// dealing is sent without it. "Today" is the UTC date of the document.
function requestedFutureTradeDate(tradeDate: string, createdAt: Date): string | undefined {
  return tradeDate > isoDateTime(createdAt).slice(0, 10) ? tradeDate : undefined;
}

// Preflight has checked that exactly one of amount and units is a plain decimal that fits.
function quantity(order: Order): XmlElement {
  if (order.units !== null) return textEl('UnitsNb', xsdDecimalText(order.units, UNITS_DIGITS)!);
  return textEl('GrssAmt', xsdDecimalText(order.amount!, AMOUNT_DIGITS)!, { Ccy: order.currency! });
}
