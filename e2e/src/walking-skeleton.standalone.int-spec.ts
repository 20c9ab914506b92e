import { DataSource } from 'typeorm';
import { BatchApproval, TradeIntake } from '@contingency/gateway';
import { seedFunds } from './fixtures';
import { runSkeletonScenario } from './skeleton.scenario';
import { type InProcessStandalone, startStandaloneInProcess } from './standalone-in-process';

// Standalone mode's composition: every service in one process on the embedded bus. (PGlite itself is
// exercised by standalone.process.int-spec.ts.)
describe('walking skeleton, standalone mode', () => {
  let standalone: InProcessStandalone;

  beforeAll(async () => {
    standalone = await startStandaloneInProcess('skeleton_standalone', { seed: seedFunds });
  }, 60_000);

  afterAll(async () => {
    await standalone?.stop();
  });

  it('takes a trade from intake to CONFIRMED on the embedded bus', async () => {
    const { app, url, adminKey } = standalone;
    await runSkeletonScenario({
      dataSource: app.get(DataSource),
      intake: app.get(TradeIntake),
      approval: app.get(BatchApproval),
      casieSimulatorUrl: `${url}/sim/casie`,
      headers: { authorization: `Bearer ${adminKey}` },
    });
  }, 90_000);

  it('refuses the simulator drill endpoint without credentials', async () => {
    expect((await fetch(`${standalone.url}/sim/casie/orders`)).status).toBe(401);
  });
});
