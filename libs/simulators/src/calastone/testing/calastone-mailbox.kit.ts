import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import type { Order } from '@contingency/contracts';
import {
  buildSetrOrder,
  namespaceOf,
  parseSetrInbound,
  type SetrInbound,
  type SetrMessageType,
  type SetrOrderDocument,
  type SetrValidator,
  temporaryFileName,
  validateWithXmllint,
} from '@contingency/iso20022';

/** FOR TESTS: the official XSDs, ISO20022_XSD_DIR or ../shared/iso20022 beside the repository. */
export const testXsdDir = (): string =>
  process.env.ISO20022_XSD_DIR ?? resolve(__dirname, '../../../../../../shared/iso20022');

/** A subscription by amount, with its own OrdrRef and account each time. */
export function anOrder(overrides: Partial<Order> = {}): Order {
  const id = randomBytes(16).toString('hex');
  return {
    orderRef: `MC${id.toUpperCase()}`,
    tradeId: `${id.slice(0, 8)}-${id.slice(8, 12)}-4${id.slice(13, 16)}-8${id.slice(17, 20)}-${id.slice(20)}`,
    batchId: '5d0c8e3a-9b7f-4a61-8c2d-1e3f5a7b9c0d',
    clientRef: 'CLIENT-001',
    orderType: 'SUBSCRIPTION',
    fundIsin: 'LU0123456789',
    accountId: `ACC-${id.slice(0, 8)}`,
    amount: '1000.50',
    currency: 'EUR',
    units: null,
    tradeDate: new Date().toISOString().slice(0, 10),
    settlementDate: null,
    routeReason: 'primary',
    ...overrides,
  };
}

/** Puts an order in the outbox as our adapter does: a hidden temporary name, then the rename. */
export function dropOrder(outbound: string, order: Order, attempt = 1): SetrOrderDocument {
  const document = buildSetrOrder(order, { createdAt: new Date(), attempt });
  mkdirSync(outbound, { recursive: true });
  const temporary = join(outbound, temporaryFileName(document.fileName));
  writeFileSync(temporary, document.xml);
  renameSync(temporary, join(outbound, document.fileName));
  return document;
}

export interface InboxDocument {
  name: string;
  messageType: SetrMessageType;
  xml: string;
  parsed: SetrInbound;
}

/** The answers in the inbox (its `*.xml` files, not hidden, not in subfolders), in the order written. */
export function readInbox(inbound: string): InboxDocument[] {
  if (!existsSync(inbound)) return [];
  return readdirSync(inbound)
    .filter(
      (name) => name.endsWith('.xml') && !name.startsWith('.') && statSync(join(inbound, name)).isFile(),
    )
    .sort()
    .map((name) => {
      const xml = readFileSync(join(inbound, name), 'utf8');
      const parsed = parseSetrInbound(xml);
      return { name, messageType: parsed.messageType, xml, parsed };
    });
}

/** The answers about one order, in the order written. */
export const answersFor = (documents: InboxDocument[], orderRef: string): InboxDocument[] =>
  documents.filter((d) => d.name.includes(`-${orderRef}-`));

/** What each document is: RECE, PACK, RJCT:<code> or CONF:<message type>. */
export function describeAnswer({ parsed }: InboxDocument): string {
  if (parsed.kind === 'confirmation') return `CONF:${parsed.messageType}`;
  if (parsed.report.scope !== 'orders') return 'MESSAGE-SCOPE';
  const { status } = parsed.report.orders[0];
  if (status.kind === 'status') return status.code;
  return `${status.kind === 'rejected' ? 'RJCT' : status.kind}:${status.reasons.map((r) => r.code).join(',')}`;
}

const V04_TO_V05: Partial<Record<SetrMessageType, SetrMessageType>> = {
  'setr.012.001.04': 'setr.012.001.05',
  'setr.006.001.04': 'setr.006.001.05',
};

/**
 * Every document valid against its official XSD, in-process AND with xmllint. A .001.04 confirmation,
 * whose XSD is not in the folder, is checked as the .001.05 document it is under its other namespace.
 */
export function expectXsdValid(validator: SetrValidator, documents: readonly InboxDocument[]): void {
  const checked = documents.map((doc) => {
    const v05 = V04_TO_V05[doc.messageType];
    if (v05 === undefined || validator.supports(doc.messageType)) return doc;
    return {
      name: doc.name,
      messageType: v05,
      xml: doc.xml.replace(`"${namespaceOf(doc.messageType)}"`, `"${namespaceOf(v05)}"`),
    };
  });
  const byXmllint = validateWithXmllint(validator.xsdDir, checked);
  const failures = checked.flatMap((doc, i) => {
    const inProcess = validator.validate(doc.messageType, doc.xml);
    const problems = [
      ...(inProcess.valid ? [] : [`in-process: ${inProcess.errors.join(' | ')}`]),
      ...(byXmllint[i].valid ? [] : [`xmllint: ${byXmllint[i].output.join(' | ')}`]),
    ];
    return problems.length === 0
      ? []
      : [`${doc.name} (${doc.messageType}): ${problems.join('; ')}\n${doc.xml}`];
  });
  expect(documents.length).toBeGreaterThan(0);
  expect(failures).toEqual([]);
}
