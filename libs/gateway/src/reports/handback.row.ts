import { z } from 'zod';
import { OrderType, Route, TradeStatus } from '@contingency/contracts';
import { decimalText } from '@contingency/ledger';
import { Awaiting, FINALITY } from './trade-finality';

const Decimal = z.string().describe('exact decimal, e.g. "1000.5"; never a JSON number');
const IsoDate = z.string().describe('YYYY-MM-DD');
const Timestamp = z.string().describe('ISO 8601, UTC, to the millisecond: 2026-12-04T09:30:00.000Z');

/**
 * One trade of the hand-back report (docs/contracts/handback-v1.md). The key order is the CSV column
 * order; CSV headers are the keys in snake_case.
 */
export const HandbackRow = z.object({
  tradeId: z.uuid(),
  batchId: z.uuid(),
  row: z.number().int().describe('1-based data row of the uploaded file'),
  clientRef: z.string(),
  orderType: OrderType.nullable(),
  fundIsin: z.string().nullable(),
  accountId: z.string(),
  amount: Decimal.nullable(),
  currency: z.string().nullable(),
  units: Decimal.nullable(),
  tradeDate: IsoDate.nullable(),
  settlementDate: IsoDate.nullable(),
  status: TradeStatus,
  final: z.boolean().describe("the order's fate is decided (see the contract's table per status)"),
  awaiting: Awaiting.nullable().describe('what a trade that is not finished waits for'),
  route: Route.nullable(),
  failedOver: z.boolean().describe('sent to Calastone because Casie was unavailable'),
  orderRef: z.string().nullable().describe('our reference at Casie and Calastone (OrdrRef), set at release'),
  casieOrderId: z.string().nullable(),
  taReference: z.string().nullable().describe("the TA's reference (Calastone DealRef)"),
  calastoneMessageId: z.string().nullable().describe('MsgId of the last setr order document sent'),
  externalRefs: z.record(z.string(), z.unknown()).describe('every reference the trade holds'),
  confirmedUnits: Decimal.nullable(),
  confirmedPrice: Decimal.nullable().describe('the price per unit (NAV) dealt at'),
  confirmedPriceCurrency: z.string().nullable(),
  confirmedSettlementAmount: Decimal.nullable(),
  confirmedSettlementCurrency: z.string().nullable(),
  confirmation: z
    .record(z.string(), z.unknown())
    .nullable()
    .describe('everything the confirmation recorded (trade and settlement dates, partial execution...)'),
  nackReason: z.string().nullable(),
  statusReason: z.string().nullable().describe('why the trade entered its current status, when said'),
  uploadedBy: z.string(),
  approvedBy: z.string().nullable(),
  uploadedAt: Timestamp,
  releasedAt: Timestamp.nullable(),
  finalStateAt: Timestamp.nullable(),
  updatedAt: Timestamp,
});
export type HandbackRow = z.infer<typeof HandbackRow>;

export const HandbackRows = z.array(HandbackRow);

/** A trade as the report's query reads it: text columns, with the references its history holds. */
export interface HandbackRecord {
  tradeId: string;
  batchId: string;
  row: number;
  clientRef: string;
  orderType: OrderType | null;
  fundIsin: string | null;
  accountId: string;
  /** numeric at its column scale, e.g. "1000.50000000" */
  amount: string | null;
  currency: string | null;
  units: string | null;
  tradeDate: string | null;
  settlementDate: string | null;
  status: TradeStatus;
  route: Route | null;
  orderRef: string | null;
  externalRefs: Record<string, unknown>;
  uploadedBy: string;
  approvedBy: string | null;
  uploadedAt: string;
  updatedAt: string;
  releasedAt: string | null;
  statusAt: string | null;
  statusReason: string | null;
  failedOver: boolean | null;
  /** details of the CONFIRMED history row */
  confirmation: Record<string, unknown> | null;
  /** the latest value of each key in the history's details: refs recorded without a status change */
  historyRefs: Record<string, unknown> | null;
}

/** An external reference as text: the trade's own first, else the latest its history recorded. */
function refOf(record: HandbackRecord, key: string): string | null {
  return text(record.externalRefs[key]) ?? text(record.historyRefs?.[key]);
}

function text(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

const decimal = (value: unknown): string | null => decimalText(text(value));

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The executed figures of a confirmation, whether recorded at the top of its details or under `execution`. */
function executionOf(confirmation: Record<string, unknown>): Record<string, unknown> {
  return isRecord(confirmation.execution) ? { ...confirmation, ...confirmation.execution } : confirmation;
}

export function toHandbackRow(record: HandbackRecord): HandbackRow {
  const { final, awaiting } = FINALITY[record.status];
  const confirmation = record.status === 'CONFIRMED' ? record.confirmation : null;
  const executed = confirmation ? executionOf(confirmation) : {};
  return {
    tradeId: record.tradeId,
    batchId: record.batchId,
    row: record.row,
    clientRef: record.clientRef,
    orderType: record.orderType,
    fundIsin: record.fundIsin,
    accountId: record.accountId,
    amount: decimalText(record.amount),
    currency: record.currency,
    units: decimalText(record.units),
    tradeDate: record.tradeDate,
    settlementDate: record.settlementDate,
    status: record.status,
    final,
    awaiting,
    route: record.route,
    failedOver: record.failedOver ?? false,
    orderRef: record.orderRef,
    casieOrderId: refOf(record, 'casieOrderId'),
    taReference: refOf(record, 'taReference'),
    calastoneMessageId: refOf(record, 'calastoneMessageId'),
    externalRefs: record.externalRefs,
    confirmedUnits: decimal(executed.units),
    confirmedPrice: decimal(executed.price),
    confirmedPriceCurrency: text(executed.priceCurrency) ?? text(executed.currency),
    confirmedSettlementAmount: decimal(executed.settlementAmount),
    confirmedSettlementCurrency: text(executed.settlementCurrency) ?? text(executed.currency),
    confirmation,
    nackReason: record.status === 'NACKED' ? record.statusReason : null,
    statusReason: record.statusReason,
    uploadedBy: record.uploadedBy,
    approvedBy: record.approvedBy,
    uploadedAt: record.uploadedAt,
    releasedAt: record.releasedAt,
    finalStateAt: final ? record.statusAt : null,
    updatedAt: record.updatedAt,
  };
}

const KEYS = Object.keys(HandbackRow.shape) as Array<keyof HandbackRow>;

/** The CSV header: the JSON keys in snake_case, in the same order. */
export const HANDBACK_CSV_HEADER: readonly string[] = KEYS.map((key) =>
  key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
);

/** A row's CSV cells: empty for null, true/false, and the objects (references, confirmation) as compact JSON. */
export function handbackCsvCells(row: HandbackRow): string[] {
  return KEYS.map((key) => {
    const value = row[key];
    if (value === null) return '';
    if (typeof value === 'object') return JSON.stringify(value);
    return String(value);
  });
}
