import { canonicalDecimal } from './decimal-number';
import { isIsoDate } from './iso-date';
import { DEFAULT_SETR_PARSE_LIMITS, parseSafeXml, type SetrParseLimits } from './safe-xml.parser';
import {
  messageTypeOfNamespace,
  SETR_MESSAGES,
  type SetrConfirmationMessageType,
  type SetrMessageType,
  type SetrOrderMessageType,
} from './setr-message-types';
import type { SetrOrderStatus, SetrStatusReason } from './setr-order-status';
import { SetrParseError } from './setr-parse.error';
import type {
  SetrAmount,
  SetrConfirmation,
  SetrDocument,
  SetrExecution,
  SetrInbound,
  SetrMessageRef,
  SetrOrderMessage,
  SetrOrderStatusEntry,
  SetrStatusReport,
} from './setr-inbound.types';
import { SetrValidatorError, type SetrValidator } from './setr.validator';
import { XmlNodeReader } from './xml-node.reader';

export interface SetrParseOptions {
  readonly limits?: Partial<SetrParseLimits>;
  /** When given, a document whose XSD it has is validated too (SCHEMA_INVALID); others are only parsed. */
  readonly validator?: SetrValidator;
}

/**
 * Any setr document this library knows, chosen by its namespace. Throws SetrParseError for what is too
 * large, declares a DTD, is not well-formed, is of an unknown type, fails its XSD, or lacks a field the
 * ingestor needs — and nothing else, but SetrValidatorError when the given validator cannot run.
 */
export function parseSetrDocument(xml: string | Uint8Array, options: SetrParseOptions = {}): SetrDocument {
  try {
    return parse(xml, options);
  } catch (error) {
    // A validator that cannot run is not the document's fault: the caller retries, the file stays.
    if (error instanceof SetrParseError || error instanceof SetrValidatorError) throw error;
    throw new SetrParseError('MALFORMED_XML', `the document could not be read: ${(error as Error).message}`);
  }
}

/** A status report (setr.016) or a confirmation (setr.012 / setr.006) from the Calastone inbox. */
export function parseSetrInbound(xml: string | Uint8Array, options: SetrParseOptions = {}): SetrInbound {
  const document = parseSetrDocument(xml, options);
  if (document.kind === 'order') {
    throw new SetrParseError(
      'UNKNOWN_DOCUMENT',
      `${document.messageType} is an order, not a status report or confirmation`,
    );
  }
  return document;
}

/** A setr.010 / setr.004 order, as the Calastone simulator reads our outbox. */
export function parseSetrOrder(xml: string | Uint8Array, options: SetrParseOptions = {}): SetrOrderMessage {
  const document = parseSetrDocument(xml, options);
  if (document.kind !== 'order') {
    throw new SetrParseError(
      'UNKNOWN_DOCUMENT',
      `${document.messageType} is not an order (setr.010 / setr.004)`,
    );
  }
  return document;
}

function parse(xml: string | Uint8Array, options: SetrParseOptions): SetrDocument {
  const root = parseSafeXml(xml, { ...DEFAULT_SETR_PARSE_LIMITS, ...options.limits });
  const messageType = messageTypeOfNamespace(root.ns);
  if (root.name !== 'Document' || messageType === undefined) {
    const ns = root.ns === '' ? 'no namespace' : `namespace ${root.ns}`;
    throw new SetrParseError(
      'UNKNOWN_DOCUMENT',
      `a <${root.name}> in ${ns} is not a setr document this system reads`,
    );
  }
  const expected = SETR_MESSAGES[messageType].root;
  const message = new XmlNodeReader(root, 'Document').child(expected);
  if (message === undefined) {
    throw new SetrParseError('UNKNOWN_DOCUMENT', `a ${messageType} Document must hold <${expected}>`);
  }
  if (options.validator?.supports(messageType)) {
    const text = typeof xml === 'string' ? xml : Buffer.from(xml).toString('utf8');
    const result = options.validator.validate(messageType, text);
    if (!result.valid) {
      throw new SetrParseError(
        'SCHEMA_INVALID',
        `the ${messageType} document fails its XSD: ${result.errors[0]}`,
        result.errors,
      );
    }
  }
  return readMessage(messageType, message);
}

function readMessage(messageType: SetrMessageType, message: XmlNodeReader): SetrDocument {
  switch (messageType) {
    case 'setr.016.001.04':
      return readStatusReport(message);
    case 'setr.012.001.04':
    case 'setr.012.001.05':
    case 'setr.006.001.04':
    case 'setr.006.001.05':
      return readConfirmation(messageType, message);
    case 'setr.010.001.04':
    case 'setr.004.001.04':
      return readOrder(messageType, message);
  }
}

function readStatusReport(message: XmlNodeReader): SetrStatusReport {
  const base = {
    kind: 'status-report' as const,
    messageType: 'setr.016.001.04' as const,
    messageId: message.requiredText('MsgId/Id'),
    createdAt: message.requiredText('MsgId/CreDtTm'),
    relatedRefs: message.child('Ref')?.children('RltdRef').map(readRef) ?? [],
    otherRefs: message.child('Ref')?.children('OthrRef').map(readRef) ?? [],
  };
  const statusReport = message.child('StsRpt');
  const whole = statusReport?.child('OrdrDtlsRpt');
  if (whole !== undefined) {
    return {
      ...base,
      report: { scope: 'message', masterRef: whole.text('MstrRef'), status: readStatus(whole) },
    };
  }
  const entries = [
    ...(statusReport?.children('IndvOrdrDtlsRpt') ?? []),
    ...(statusReport?.children('SwtchOrdrDtlsRpt') ?? []),
  ];
  if (entries.length === 0) {
    throw new SetrParseError(
      'MISSING_FIELD',
      'OrdrInstrStsRpt/StsRpt holds no order status (IndvOrdrDtlsRpt or OrdrDtlsRpt)',
    );
  }
  const orders = entries.map((entry): SetrOrderStatusEntry => ({
    orderRef: entry.requiredText('OrdrRef'),
    masterRef: entry.text('MstrRef'),
    clientRef: entry.text('ClntRef'),
    dealRef: entry.text('DealRef'),
    cancellationRef: entry.text('CxlRef'),
    status: readStatus(entry),
  }));
  return { ...base, report: { scope: 'orders', orders } };
}

const STATUS_KINDS = {
  Rjctd: 'rejected',
  Canc: 'cancelled',
  CondlyAccptd: 'conditionally-accepted',
  Sspd: 'suspended',
  InRpr: 'in-repair',
  PrtlySttld: 'partially-settled',
} as const;

function readStatus(entry: XmlNodeReader): SetrOrderStatus {
  const status = entry.child('OrdrSts')?.first();
  if (status === undefined)
    throw new SetrParseError('MISSING_FIELD', `${entry.at}/OrdrSts is missing or empty`);
  const name = status.node.name;
  if (name === 'Sts') return { kind: 'status', code: entry.requiredText('OrdrSts/Sts') };
  if (!Object.hasOwn(STATUS_KINDS, name)) {
    throw new SetrParseError('INVALID_FIELD', `${status.at} is not an order status this system knows`);
  }
  const kind = STATUS_KINDS[name as keyof typeof STATUS_KINDS];
  // Rjctd repeats; the others hold one reason, or RsnDtls repeated, or NoSpcfdRsn.
  const holders = kind === 'rejected' ? entry.child('OrdrSts')!.children('Rjctd') : [status];
  return { kind, reasons: holders.flatMap(readReasons) };
}

function readReasons(holder: XmlNodeReader): SetrStatusReason[] {
  const details = holder.children('RsnDtls');
  if (details.length > 0) return details.map(readReason);
  if (holder.text('NoSpcfdRsn') !== undefined) return [{ code: holder.text('NoSpcfdRsn') }];
  return [readReason(holder)];
}

function readReason(holder: XmlNodeReader): SetrStatusReason {
  const reason: { code?: string; proprietary?: string; additionalInfo?: string } = {};
  const code = holder.text('Rsn/Cd') ?? holder.text('Rsn/NoSpcfdRsn');
  const proprietary = holder.text('Rsn/Prtry/Id');
  const additionalInfo = holder.text('AddtlInf');
  if (code !== undefined) reason.code = code;
  if (proprietary !== undefined) reason.proprietary = proprietary;
  if (additionalInfo !== undefined) reason.additionalInfo = additionalInfo;
  return reason;
}

function readConfirmation(
  messageType: SetrConfirmationMessageType,
  message: XmlNodeReader,
): SetrConfirmation {
  const details = message.child('MltplExctnDtls');
  if (details === undefined)
    throw new SetrParseError('MISSING_FIELD', `${message.at}/MltplExctnDtls is missing`);
  const executions = details.children('IndvExctnDtls');
  if (executions.length === 0)
    throw new SetrParseError('MISSING_FIELD', `${details.at}/IndvExctnDtls is missing`);
  const related = message.child('RltdRef');
  return {
    kind: 'confirmation',
    messageType,
    orderType: SETR_MESSAGES[messageType].orderType,
    messageId: message.requiredText('MsgId/Id'),
    createdAt: message.requiredText('MsgId/CreDtTm'),
    relatedRef: related && readRef(related),
    masterRef: details.text('MstrRef'),
    // 2017 and later put the account on MltplExctnDtls; older versions on each execution.
    accountId: details.text('InvstmtAcctDtls/AcctId') ?? executions[0].text('InvstmtAcctDtls/AcctId'),
    executions: executions.map(readExecution),
  };
}

function readExecution(execution: XmlNodeReader): SetrExecution {
  const tradeDateTime = execution.text('TradDtTm/DtTm');
  const tradeDate = execution.text('TradDtTm/Dt') ?? tradeDateTime?.slice(0, 10);
  if (tradeDate === undefined)
    throw new SetrParseError('MISSING_FIELD', `${execution.at}/TradDtTm is missing or empty`);
  const settlementDate = execution.text('CshSttlmDt');
  const partial = execution.text('PrtlyExctdInd');
  return {
    orderRef: execution.requiredText('OrdrRef'),
    clientRef: execution.text('ClntRef'),
    dealRef: execution.requiredText('DealRef'),
    isin: execution.text('FinInstrmDtls/Id/ISIN'),
    units: decimal(execution, 'UnitsNb'),
    price: amount(execution, 'DealgPricDtls/Val/Amt'),
    tradeDate: date(execution, 'TradDtTm', tradeDate),
    ...(tradeDateTime === undefined ? {} : { tradeDateTime }),
    settlementAmount: amount(execution, 'SttlmAmt'),
    ...(settlementDate === undefined
      ? {}
      : { settlementDate: date(execution, 'CshSttlmDt', settlementDate) }),
    ...optionalAmount(execution, 'GrssAmt', 'grossAmount'),
    ...optionalAmount(execution, 'NetAmt', 'netAmount'),
    ...(partial === undefined ? {} : { partiallyExecuted: partial === 'true' || partial === '1' }),
  };
}

function readOrder(messageType: SetrOrderMessageType, message: XmlNodeReader): SetrOrderMessage {
  const details = message.child('MltplOrdrDtls');
  if (details === undefined)
    throw new SetrParseError('MISSING_FIELD', `${message.at}/MltplOrdrDtls is missing`);
  const lines = details.children('IndvOrdrDtls');
  if (lines.length === 0) throw new SetrParseError('MISSING_FIELD', `${details.at}/IndvOrdrDtls is missing`);
  const quantityName = messageType === 'setr.010.001.04' ? 'AmtOrUnits' : 'AmtOrUnitsOrPctg';
  return {
    kind: 'order',
    messageType,
    orderType: SETR_MESSAGES[messageType].orderType,
    messageId: message.requiredText('MsgId/Id'),
    createdAt: message.requiredText('MsgId/CreDtTm'),
    masterRef: details.text('MstrRef'),
    requestedTradeDate: details.text('ReqdFutrTradDt'),
    accountId: details.requiredText('InvstmtAcctDtls/AcctId'),
    orders: lines.map((line) => {
      const quantity = line.child(quantityName);
      const amountName = quantity?.child('GrssAmt') ? 'GrssAmt' : 'NetAmt';
      return {
        orderRef: line.requiredText('OrdrRef'),
        clientRef: line.text('ClntRef'),
        isin: line.text('FinInstrmDtls/Id/ISIN'),
        ...(quantity?.child('UnitsNb') ? { units: decimal(line, `${quantityName}/UnitsNb`) } : {}),
        ...(quantity?.child(amountName) ? { amount: amount(line, `${quantityName}/${amountName}`) } : {}),
        settlementDate: line.text('CshSttlmDt'),
      };
    }),
  };
}

function readRef(ref: XmlNodeReader): SetrMessageRef {
  const messageName = ref.text('MsgNm');
  return { ref: ref.requiredText('Ref'), ...(messageName === undefined ? {} : { messageName }) };
}

function decimal(node: XmlNodeReader, path: string): string {
  const text = node.requiredText(path);
  if (canonicalDecimal(text) === undefined) {
    throw new SetrParseError('INVALID_FIELD', `${node.at}/${path} "${text}" is not a plain decimal`);
  }
  return text;
}

function amount(node: XmlNodeReader, path: string): SetrAmount {
  const value = decimal(node, path);
  const currency = node.child(path)!.attribute('Ccy');
  if (currency === undefined || !/^[A-Z]{3}$/.test(currency)) {
    throw new SetrParseError(
      'INVALID_FIELD',
      `${node.at}/${path} needs a currency (Ccy, three capital letters)`,
    );
  }
  return { amount: value, currency };
}

function optionalAmount<K extends string>(
  node: XmlNodeReader,
  path: string,
  key: K,
): { [P in K]?: SetrAmount } {
  return (node.child(path) === undefined ? {} : { [key]: amount(node, path) }) as { [P in K]?: SetrAmount };
}

function date(node: XmlNodeReader, path: string, text: string): string {
  if (!isIsoDate(text))
    throw new SetrParseError('INVALID_FIELD', `${node.at}/${path} "${text}" is not a date`);
  return text;
}
