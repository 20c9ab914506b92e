import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { type CasieBehaviour, type CasieMode, casieMode, behaviourFor, seededRandom } from './casie-mode';
import { CasieOrderJournal } from './casie-order.journal';

export interface ReceivedOrder {
  orderRef: string;
  casieOrderId: string;
  receivedAt: string;
  /** POSTs with this order reference, the first included. */
  posts: number;
  body: Record<string, unknown>;
}

export type OrderListener = (order: ReceivedOrder) => void;

/**
 * Casie as seen from outside: idempotent by orderRef (the same key again gets the first answer), counting
 * what it received twice, in the mode a drill switched it to. Orders survive a restart when a journal is
 * configured.
 */
@Injectable()
export class CasieSimulator {
  private readonly orders = new Map<string, ReceivedOrder>();
  private duplicates = 0;
  private readonly listeners: OrderListener[] = [];
  private current: CasieMode = casieMode({ mode: 'up' });
  private random = seededRandom(this.current.seed);

  constructor(@Optional() @Inject(CasieOrderJournal) private readonly journal?: CasieOrderJournal) {
    for (const entry of journal?.load() ?? []) {
      if ('duplicateOf' in entry) {
        this.duplicates += 1;
        const known = this.orders.get(entry.duplicateOf);
        if (known) known.posts += 1;
      } else {
        this.orders.set(entry.orderRef, { ...entry, posts: 1 });
      }
    }
  }

  onNewOrder(listener: OrderListener): void {
    this.listeners.push(listener);
  }

  get mode(): CasieMode {
    return this.current;
  }

  setMode(mode: CasieMode): void {
    this.current = mode;
    this.random = seededRandom(mode.seed);
  }

  behaviour(request: 'submit' | 'status'): CasieBehaviour {
    return behaviourFor(this.current, request, this.random);
  }

  receive(orderRef: string, body: Record<string, unknown>): { order: ReceivedOrder; created: boolean } {
    const known = this.orders.get(orderRef);
    if (known) {
      this.duplicates += 1;
      known.posts += 1;
      this.journal?.append({ duplicateOf: orderRef, at: new Date().toISOString() });
      return { order: known, created: false };
    }
    const order: ReceivedOrder = {
      orderRef,
      casieOrderId: `CASIE-${randomUUID()}`,
      receivedAt: new Date().toISOString(),
      posts: 1,
      body,
    };
    this.orders.set(orderRef, order);
    this.journal?.append({ orderRef, casieOrderId: order.casieOrderId, receivedAt: order.receivedAt, body });
    for (const listener of this.listeners) listener(order);
    return { order, created: true };
  }

  find(orderRef: string): ReceivedOrder | undefined {
    return this.orders.get(orderRef);
  }

  /** One item per distinct order, and how many POSTs repeated an order already received. */
  received(): { items: ReceivedOrder[]; duplicates: number } {
    return { items: [...this.orders.values()], duplicates: this.duplicates };
  }
}
