import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';

export interface ReceivedOrder {
  orderRef: string;
  casieOrderId: string;
  receivedAt: string;
  body: Record<string, unknown>;
}

export type OrderListener = (order: ReceivedOrder) => void;

/** Casie as seen from outside: idempotent by orderRef, and counting what it received twice. */
@Injectable()
export class CasieSimulator {
  private readonly orders = new Map<string, ReceivedOrder>();
  private duplicates = 0;
  private readonly listeners: OrderListener[] = [];

  onNewOrder(listener: OrderListener): void {
    this.listeners.push(listener);
  }

  receive(orderRef: string, body: Record<string, unknown>): { order: ReceivedOrder; created: boolean } {
    const known = this.orders.get(orderRef);
    if (known) {
      this.duplicates += 1;
      return { order: known, created: false };
    }
    const order = {
      orderRef,
      casieOrderId: `CASIE-${randomUUID()}`,
      receivedAt: new Date().toISOString(),
      body,
    };
    this.orders.set(orderRef, order);
    for (const listener of this.listeners) listener(order);
    return { order, created: true };
  }

  find(orderRef: string): ReceivedOrder | undefined {
    return this.orders.get(orderRef);
  }

  received(): { items: ReceivedOrder[]; duplicates: number } {
    return { items: [...this.orders.values()], duplicates: this.duplicates };
  }
}
