import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamicModule, Provider } from '@nestjs/common';
import { SimulatorsModule } from '../simulators.module';
import { CalastoneOrderJournal } from './calastone-order.journal';
import { CalastoneSimulatorModule } from './calastone-simulator.module';
import { CALASTONE_SIMULATOR_OPTIONS } from './calastone-simulator.options';

const valueOf = (module: DynamicModule, token: unknown): unknown =>
  (module.providers as Array<Provider & { provide?: unknown; useValue?: unknown }>).find(
    (p) => typeof p === 'object' && p.provide === token,
  )?.useValue;

describe(SimulatorsModule.name, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'simulators-module-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('leaves the Calastone simulator off unless its mailbox is given', () => {
    expect(SimulatorsModule.forRoot({ dataDir }).imports).toEqual([]);
    expect(SimulatorsModule.forRoot().imports).toEqual([]);
  });

  it('runs it on the given mailbox, its journal in DATA_DIR/simulators', () => {
    const calastone = { root: join(dataDir, 'calastone'), outboundDir: 'out', inboundDir: 'in', pollMs: 500 };
    const module = SimulatorsModule.forRoot({ dataDir, calastone });
    const [imported] = module.imports as DynamicModule[];

    expect(imported.module).toBe(CalastoneSimulatorModule);
    expect(module.exports).toEqual([imported]);
    expect(valueOf(imported, CALASTONE_SIMULATOR_OPTIONS)).toEqual(calastone);
    expect((valueOf(imported, CalastoneOrderJournal) as CalastoneOrderJournal | undefined)?.file).toBe(
      join(dataDir, 'simulators', 'calastone-orders.jsonl'),
    );
  });
});
