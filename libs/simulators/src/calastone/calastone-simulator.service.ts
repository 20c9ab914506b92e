import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  Optional,
} from '@nestjs/common';
import type { Logger } from 'winston';
import { parseSetrOrder, type SetrOrderLine, type SetrOrderMessage } from '@contingency/iso20022';
import { LOGGER } from '@contingency/observability';
import { PollingLoop } from '@contingency/platform';
import {
  type AnswerDocument,
  answerDocument,
  type AnswerContext,
  type CollectedOrder,
  executionOf,
} from './calastone-answers';
import { calastoneFolders, CalastoneMailbox } from './calastone-mailbox';
import { CalastoneOrderJournal, type CalastoneOrderStatus } from './calastone-order.journal';
import {
  type AnswerStep,
  answerSteps,
  type CalastoneDecision,
  type CalastoneRules,
  calastoneRules,
  decide,
} from './calastone-rules';
import { CALASTONE_SIMULATOR_OPTIONS, type CalastoneSimulatorOptions } from './calastone-simulator.options';

/** GET /sim/calastone/orders: one item per distinct OrdrRef. */
export interface CalastoneOrderItem {
  orderRef: string;
  messageId: string;
  messageType: string;
  receivedAt: string;
  fileName: string;
  accountId: string;
  fundIsin: string | null;
  status: CalastoneOrderStatus;
  /** Order files that carried this OrdrRef, the first included. */
  receipts: number;
}

interface KnownOrder {
  order: CollectedOrder;
  status: CalastoneOrderStatus;
  receipts: number;
}

/** One answer document waiting for its time; built once, so that its copies are the same document. */
interface ScheduledAnswer {
  dueAt: number;
  order: CollectedOrder;
  step: AnswerStep;
  context: Omit<AnswerContext, 'createdAt'>;
  copies: number;
  written: number;
  document?: AnswerDocument;
  /** The order's status once this, its last answer, is written. */
  completes?: CalastoneOrderStatus;
}

const FILES_PER_POLL = 200;
const STEP_LABELS: Record<AnswerStep, string> = {
  RECEIVED: 'RECE',
  ACCEPTED: 'PACK',
  REJECTED: 'RJCT',
  CONFIRMED: 'CONF',
};

/**
 * Calastone as seen from our SFTP mailbox, on its folders: collects each order file from the outbox
 * (removing it), and answers in the inbox — RECE, then PACK or a rejection, then a confirmation — as
 * the rules a drill set say. A known OrdrRef again is rejected ORRF and counted as a duplicate. What
 * it collected survives a restart when a journal is configured.
 */
@Injectable()
export class CalastoneSimulator implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly mailbox: CalastoneMailbox;
  private readonly orders = new Map<string, KnownOrder>();
  private duplicates = 0;
  private unreadableFiles = 0;
  private current: CalastoneRules;
  private readonly queue: ScheduledAnswer[] = [];
  private sequence = 0;
  private polling?: Promise<void>;
  private readonly loop: PollingLoop;

  constructor(
    @Inject(CALASTONE_SIMULATOR_OPTIONS) private readonly options: CalastoneSimulatorOptions,
    @Optional() @Inject(CalastoneOrderJournal) private readonly journal?: CalastoneOrderJournal,
    @Optional() @Inject(LOGGER) private readonly logger?: Logger,
  ) {
    this.mailbox = new CalastoneMailbox(
      calastoneFolders(options.root, options.outboundDir ?? 'outbound', options.inboundDir ?? 'inbound'),
    );
    this.current = calastoneRules(options.rules);
    this.loop = new PollingLoop(() => this.pollOnce().then(() => 'idle'), {
      name: 'Calastone simulator',
      intervalMs: options.pollMs ?? 200,
      logger,
    });
    for (const entry of journal?.load() ?? []) {
      if (entry.kind === 'order') {
        this.orders.set(entry.order.orderRef, { order: entry.order, status: 'RECEIVED', receipts: 1 });
      } else if (entry.kind === 'answered') {
        const known = this.orders.get(entry.orderRef);
        if (known) known.status = entry.status;
      } else {
        this.duplicates += 1;
        const known = this.orders.get(entry.orderRef);
        if (known) known.receipts += 1;
      }
    }
  }

  onApplicationBootstrap(): void {
    this.resumeUnanswered();
    this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  get rules(): CalastoneRules {
    return this.current;
  }

  /** Applies to the orders collected from now on. */
  setRules(rules: CalastoneRules): void {
    this.current = rules;
  }

  /**
   * One item per distinct OrdrRef, how many order files repeated one, and how many order files could
   * not be read since start (they are in the calastone-sim-rejected folder beside the outbox).
   */
  received(): { items: CalastoneOrderItem[]; duplicates: number; unreadableFiles: number } {
    const items = [...this.orders.values()].map(({ order, status, receipts }) => ({
      orderRef: order.orderRef,
      messageId: order.messageId,
      messageType: order.messageType,
      receivedAt: order.receivedAt,
      fileName: order.fileName,
      accountId: order.accountId,
      fundIsin: order.fundIsin ?? null,
      status,
      receipts,
    }));
    return { items, duplicates: this.duplicates, unreadableFiles: this.unreadableFiles };
  }

  /** Collects what is in the outbox, then writes the answers that are due. Never throws. */
  pollOnce(): Promise<void> {
    this.polling ??= this.collect()
      .then(() => this.writeDueAnswers())
      .finally(() => {
        this.polling = undefined;
      });
    return this.polling;
  }

  // Orders collected before a restart whose answers were not all written are answered again, by the
  // rules now in force (the downstream ingestor ignores what it already had).
  private resumeUnanswered(): void {
    for (const known of this.orders.values()) {
      if (known.status === 'RECEIVED') this.answer(known.order, false);
    }
  }

  private async collect(): Promise<void> {
    let names: string[];
    try {
      names = await this.mailbox.pendingOrders(FILES_PER_POLL);
    } catch (error) {
      this.logger?.error('Calastone simulator: listing the outbox failed', { error });
      return;
    }
    for (const name of names) {
      try {
        await this.collectFile(name);
      } catch (error) {
        // The file stays in the outbox and is tried again at the next poll.
        this.logger?.error(`Calastone simulator: collecting ${name} failed`, { error });
      }
    }
  }

  private async collectFile(name: string): Promise<void> {
    const bytes = await this.mailbox.read(name);
    if (bytes === undefined) return;
    let message: SetrOrderMessage;
    try {
      message = parseSetrOrder(bytes);
    } catch (error) {
      const target = await this.mailbox.setAside(name);
      this.unreadableFiles += 1;
      this.logger?.warn(`Calastone simulator: ${name} is not an order it can read; moved to ${target}`, {
        error,
      });
      return;
    }
    const receivedAt = new Date().toISOString();
    for (const line of message.orders) this.receive(collectedOrder(message, line, name, receivedAt));
    await this.mailbox.remove(name);
  }

  private receive(order: CollectedOrder): void {
    const known = this.orders.get(order.orderRef);
    if (known) {
      this.duplicates += 1;
      known.receipts += 1;
      this.journal?.append({
        kind: 'duplicate',
        orderRef: order.orderRef,
        messageId: order.messageId,
        fileName: order.fileName,
        at: order.receivedAt,
      });
      this.answer(order, true);
      return;
    }
    this.orders.set(order.orderRef, { order, status: 'RECEIVED', receipts: 1 });
    this.journal?.append({ kind: 'order', order });
    this.answer(order, false);
  }

  private answer(order: CollectedOrder, duplicate: boolean): void {
    const rules = this.current;
    const decision = decide(
      {
        accountId: order.accountId,
        fundIsin: order.fundIsin,
        priceable: executionOf(order) !== undefined,
        alreadyReceived: duplicate,
      },
      rules,
    );
    const steps = answerSteps(decision, rules, duplicate);
    const context = {
      confirmationVersion: rules.confirmationVersion,
      ...(decision.kind === 'reject' && {
        rejection: { reasonCode: decision.reasonCode, reasonText: decision.reasonText },
      }),
    };
    const now = Date.now();
    steps.forEach((step, i) =>
      this.queue.push({
        dueAt: now + (i + 1) * rules.answerDelayMs,
        order,
        step,
        context,
        copies: rules.repeatReports ? 2 : 1,
        written: 0,
        ...(i === steps.length - 1 && !duplicate && { completes: outcomeOf(decision, rules) }),
      }),
    );
  }

  private async writeDueAnswers(): Promise<void> {
    for (const answer of [...this.queue]) {
      if (answer.dueAt > Date.now()) continue;
      try {
        answer.document ??= answerDocument(answer.step, answer.order, {
          ...answer.context,
          createdAt: new Date(),
        });
      } catch (error) {
        this.queue.splice(this.queue.indexOf(answer), 1);
        this.logger?.error(`Calastone simulator: no ${answer.step} answer for ${answer.order.orderRef}`, {
          error,
        });
        continue;
      }
      try {
        for (; answer.written < answer.copies; answer.written += 1) {
          await this.mailbox.deliver(this.answerFileName(answer), answer.document.xml);
        }
      } catch (error) {
        // Kept, with what is left of it, for the next poll.
        this.logger?.error('Calastone simulator: writing to the inbox failed', { error });
        return;
      }
      this.queue.splice(this.queue.indexOf(answer), 1);
      if (answer.completes) this.complete(answer.order.orderRef, answer.completes);
    }
  }

  private complete(orderRef: string, status: CalastoneOrderStatus): void {
    const known = this.orders.get(orderRef);
    if (known) known.status = status;
    this.journal?.append({ kind: 'answered', orderRef, status, at: new Date().toISOString() });
  }

  // Sorted by name in the order written; unique within a run by the sequence, across runs by the time.
  private answerFileName(answer: ScheduledAnswer): string {
    const stamp = new Date().toISOString().replace(/[-:.]/g, '');
    const sequence = String((this.sequence += 1)).padStart(6, '0');
    const ref = answer.order.orderRef.replace(/[^A-Za-z0-9_-]/g, '_');
    const copy = answer.written > 0 ? `-${answer.written + 1}` : '';
    return `${stamp}-${sequence}-${ref}-${STEP_LABELS[answer.step]}${copy}.xml`;
  }
}

function outcomeOf(decision: CalastoneDecision, rules: CalastoneRules): CalastoneOrderStatus {
  if (decision.kind === 'reject') return 'REJECTED';
  return rules.confirm ? 'CONFIRMED' : 'ACCEPTED';
}

function collectedOrder(
  message: SetrOrderMessage,
  line: SetrOrderLine,
  fileName: string,
  receivedAt: string,
): CollectedOrder {
  return {
    orderRef: line.orderRef,
    ...(line.clientRef !== undefined && { clientRef: line.clientRef }),
    ...(message.masterRef !== undefined && { masterRef: message.masterRef }),
    messageId: message.messageId,
    messageType: message.messageType,
    orderType: message.orderType,
    accountId: message.accountId,
    ...(line.isin !== undefined && { fundIsin: line.isin }),
    ...(line.units !== undefined && { units: line.units }),
    ...(line.amount !== undefined && { amount: { ...line.amount } }),
    ...(message.requestedTradeDate !== undefined && { requestedTradeDate: message.requestedTradeDate }),
    ...(line.settlementDate !== undefined && { settlementDate: line.settlementDate }),
    fileName,
    receivedAt,
  };
}
