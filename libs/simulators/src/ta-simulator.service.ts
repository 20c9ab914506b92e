import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Topics } from '@contingency/contracts';
import { ExternalPublisher } from '@contingency/messaging';
import { CasieSimulator, type ReceivedOrder } from './casie-simulator.service';

// A real TA answers after a while; answering at once would also race the adapter's own bookkeeping.
const ACK_DELAY_MS = 300;
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The transfer agent behind Casie: accepts each new order, then confirms it, on the TA ACK feed. */
@Injectable()
export class TaSimulator implements OnModuleInit {
  constructor(
    private readonly casie: CasieSimulator,
    private readonly publisher: ExternalPublisher,
  ) {}

  onModuleInit(): void {
    this.casie.onNewOrder((order) => void this.acknowledge(order));
  }

  private async acknowledge(order: ReceivedOrder): Promise<void> {
    const accountId = typeof order.body.accountId === 'string' ? order.body.accountId : order.orderRef;
    const taReference = `TA-${order.casieOrderId.slice(-12)}`;
    await delay(ACK_DELAY_MS);
    await this.publisher.publish(Topics.taAcks, accountId, {
      orderRef: order.orderRef,
      status: 'ACCEPTED',
      taReference,
      acknowledgedAt: new Date().toISOString(),
    });
    await delay(ACK_DELAY_MS);
    await this.publisher.publish(Topics.taAcks, accountId, {
      orderRef: order.orderRef,
      status: 'CONFIRMED',
      taReference,
      units: typeof order.body.units === 'string' ? order.body.units : '100.000000',
      price: '1.00000000',
      acknowledgedAt: new Date().toISOString(),
    });
  }
}
