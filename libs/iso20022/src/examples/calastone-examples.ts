import type { Order } from '@contingency/contracts';
import { buildConfirmation } from '../confirmation.builder';
import type { SetrMessageType } from '../setr-message-types';
import { buildSetrOrder } from '../setr-order.builder';
import { buildStatusReport } from '../status-report.builder';

export interface CalastoneExample {
  /** The marker of its block in docs/contracts/calastone-v1.md. */
  readonly id: string;
  readonly messageType: SetrMessageType;
  readonly xml: string;
}

const subscription: Order = {
  orderRef: 'MC3F2A9C1E5B7D4F60A8B2C4D6E8F0A1B3',
  tradeId: '3f2a9c1e-5b7d-4f60-a8b2-c4d6e8f0a1b3',
  batchId: '5d0c8e3a-9b7f-4a61-8c2d-1e3f5a7b9c0d',
  clientRef: 'SS-2025-0001',
  orderType: 'SUBSCRIPTION',
  fundIsin: 'IE00B4L5Y983',
  accountId: 'ACC-100234',
  amount: '250000.00',
  currency: 'EUR',
  units: null,
  tradeDate: '2025-03-14',
  settlementDate: '2025-03-18',
  routeReason: 'failover: Casie unavailable (circuit open)',
};

const redemption: Order = {
  ...subscription,
  orderRef: 'MC7B1D3F5A9C2E4F60B8A0C2E4D6F8A0B2',
  tradeId: '7b1d3f5a-9c2e-4f60-b8a0-c2e4d6f8a0b2',
  clientRef: 'SS-2025-0002',
  orderType: 'REDEMPTION',
  amount: null,
  currency: null,
  units: '1520.456',
  tradeDate: '2025-03-17',
  settlementDate: null,
};

/** One document of each kind, made by the builders from fixed values: the contract's examples. */
export function calastoneExamples(): CalastoneExample[] {
  const createdAt = new Date('2025-03-14T09:30:00Z');
  const order = buildSetrOrder(subscription, { createdAt });
  const redemptionOrder = buildSetrOrder(redemption, { createdAt });
  const related = { messageId: order.messageId, messageType: order.messageType };
  const statusAt = new Date('2025-03-14T09:31:05Z');
  return [
    { id: 'setr.010', messageType: order.messageType, xml: order.xml },
    { id: 'setr.004', messageType: redemptionOrder.messageType, xml: redemptionOrder.xml },
    {
      id: 'setr.016-rece',
      messageType: 'setr.016.001.04',
      xml: buildStatusReport({
        messageId: 'CAL-STS-20250314-000101',
        createdAt: statusAt,
        relatedMessage: related,
        orders: [{ orderRef: subscription.orderRef, status: { kind: 'status', code: 'RECE' } }],
      }).xml,
    },
    {
      id: 'setr.016-pack',
      messageType: 'setr.016.001.04',
      xml: buildStatusReport({
        messageId: 'CAL-STS-20250314-000102',
        createdAt: new Date('2025-03-14T09:35:40Z'),
        relatedMessage: related,
        orders: [
          {
            orderRef: subscription.orderRef,
            masterRef: order.masterRef,
            dealRef: 'TA-DEAL-884512',
            status: { kind: 'status', code: 'PACK' },
          },
        ],
      }).xml,
    },
    {
      id: 'setr.016-rjctd',
      messageType: 'setr.016.001.04',
      xml: buildStatusReport({
        messageId: 'CAL-STS-20250314-000103',
        createdAt: new Date('2025-03-14T09:35:41Z'),
        relatedMessage: { messageId: redemptionOrder.messageId, messageType: redemptionOrder.messageType },
        orders: [
          {
            orderRef: redemption.orderRef,
            status: {
              kind: 'rejected',
              reasons: [
                {
                  code: 'CUTO',
                  additionalInfo: 'Order received after the fund dealing cut-off of 12:00 Europe/Dublin',
                },
              ],
            },
          },
        ],
      }).xml,
    },
    {
      id: 'setr.012',
      ...buildConfirmation({
        orderType: 'SUBSCRIPTION',
        messageId: 'CAL-CNF-20250314-000201',
        createdAt: new Date('2025-03-14T17:05:00Z'),
        relatedMessage: related,
        masterRef: order.masterRef,
        accountId: subscription.accountId,
        orderRef: subscription.orderRef,
        clientRef: subscription.clientRef,
        dealRef: 'TA-DEAL-884512',
        isin: subscription.fundIsin,
        units: '2716.3189',
        price: { amount: '92.0362', currency: 'EUR' },
        tradeDate: '2025-03-14',
        settlementAmount: { amount: '250000.00', currency: 'EUR' },
        settlementDate: '2025-03-18',
      }),
    },
    {
      id: 'setr.006',
      ...buildConfirmation({
        orderType: 'REDEMPTION',
        messageId: 'CAL-CNF-20250314-000202',
        createdAt: new Date('2025-03-17T17:05:01Z'),
        relatedMessage: { messageId: redemptionOrder.messageId, messageType: redemptionOrder.messageType },
        masterRef: redemptionOrder.masterRef,
        accountId: redemption.accountId,
        orderRef: redemption.orderRef,
        clientRef: redemption.clientRef,
        dealRef: 'TA-DEAL-884513',
        isin: redemption.fundIsin,
        units: '1520.456',
        price: { amount: '92.1127', currency: 'EUR' },
        tradeDate: '2025-03-17',
        settlementAmount: { amount: '140053.31', currency: 'EUR' },
        settlementDate: '2025-03-19',
      }),
    },
  ];
}
