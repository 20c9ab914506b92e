// Documents per second: building, validating in-process (libxml2-wasm in a worker, XSD compiled once)
// and parsing inbound. `npx nx run iso20022:bench`; ISO20022_XSD_DIR as for the services.
import { resolve } from 'node:path';
import { buildConfirmation } from '../src/confirmation.builder';
import { parseSetrInbound } from '../src/setr-document.parser';
import { buildSetrOrder } from '../src/setr-order.builder';
import { createSetrValidator } from '../src/setr.validator';
import { anOrder } from '../src/testing/order.factory';

const N = 5000;

function rate(label: string, run: (i: number) => unknown): void {
  const started = performance.now();
  for (let i = 0; i < N; i++) run(i);
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${label.padEnd(44)} ${Math.round(N / seconds)
      .toString()
      .padStart(7)} docs/s`,
  );
}

async function main(): Promise<void> {
  const xsdDir = process.env.ISO20022_XSD_DIR ?? resolve(process.cwd(), '../shared/iso20022');
  const started = performance.now();
  const validator = await createSetrValidator(xsdDir);
  console.log(
    `validator start (compile ${validator.messageTypes.length} XSDs)`.padEnd(44),
    `${Math.round(performance.now() - started)} ms`,
  );
  const createdAt = new Date();
  const order = buildSetrOrder(anOrder(), { createdAt });
  const confirmation = buildConfirmation({
    orderType: 'SUBSCRIPTION',
    messageId: 'CNF-1',
    createdAt,
    accountId: 'ACC-1',
    orderRef: 'MC1',
    dealRef: 'D1',
    isin: 'LU0123456789',
    units: '81.3',
    price: { amount: '12.3', currency: 'EUR' },
    tradeDate: '2025-03-14',
    settlementAmount: { amount: '1000', currency: 'EUR' },
  }).xml;
  rate('build setr.010 (with preflight)', (i) =>
    buildSetrOrder(anOrder(), { createdAt, attempt: 1 + (i % 99) }),
  );
  rate('validate setr.010 in-process', () => validator.validate('setr.010.001.04', order.xml));
  rate('build + validate setr.010', (i) => {
    const doc = buildSetrOrder(anOrder(), { createdAt, attempt: 1 + (i % 99) });
    return validator.validate(doc.messageType, doc.xml);
  });
  rate('parse setr.012 confirmation', () => parseSetrInbound(confirmation));
  rate('parse + validate setr.012 confirmation', () => parseSetrInbound(confirmation, { validator }));
  await validator.close();
}

void main();
