/** The Casie simulator's drill endpoints over HTTP, as an SRE would use them (no credentials: distributed). */
export class SimulatorClient {
  constructor(readonly url: string) {}

  get casieUrl(): string {
    return `${this.url}/sim/casie`;
  }

  async setMode(mode: Record<string, unknown>): Promise<void> {
    const res = await fetch(`${this.url}/sim/casie/mode`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(mode),
    });
    if (!res.ok) throw new Error(`PUT /sim/casie/mode ${res.status}: ${await res.text()}`);
  }

  async received(): Promise<{
    items: Array<{ orderRef: string; casieOrderId: string; posts: number }>;
    duplicates: number;
  }> {
    const res = await fetch(`${this.url}/sim/casie/orders`);
    if (!res.ok) throw new Error(`GET /sim/casie/orders ${res.status}`);
    return (await res.json()) as Awaited<ReturnType<SimulatorClient['received']>>;
  }

  /** What Casie holds of these orders: orderRef → the item. */
  async receivedOf(orderRefs: readonly string[]) {
    const wanted = new Set(orderRefs);
    const { items } = await this.received();
    return new Map(items.filter((i) => wanted.has(i.orderRef)).map((i) => [i.orderRef, i]));
  }
}
