import { resolveAcksOptions } from '../acks.options';
import { CalastoneInboxPoller } from './calastone-inbox.poller';
import type { CalastoneInbox, InboxPollSummary } from './calastone-inbox.service';

const summary = (listed: number): InboxPollSummary => ({
  listed,
  processed: listed,
  rejected: 0,
  deferred: 0,
});

function setup(polls: Array<InboxPollSummary | Error>, pollMs = 5) {
  const pollOnce = jest.fn(() => {
    const next = polls.shift() ?? summary(0);
    return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
  });
  const settings = resolveAcksOptions({
    inbox: { channel: { localRoot: '/x', inboundDir: 'in', outboundDir: 'out' }, pollMs, batchSize: 2 },
  });
  const sut = new CalastoneInboxPoller({ pollOnce } as unknown as CalastoneInbox, settings);
  return { sut, pollOnce };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(check()).toBe(true);
};

describe(CalastoneInboxPoller.name, () => {
  it('keeps polling after the inbox could not be listed', async () => {
    const { sut, pollOnce } = setup([new Error('connection refused'), new Error('connection refused')]);

    sut.onApplicationBootstrap();
    await until(() => pollOnce.mock.calls.length >= 4);
    await sut.beforeApplicationShutdown();

    const calls = pollOnce.mock.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(pollOnce.mock.calls.length).toBe(calls);
  });

  it('polls again at once after a full batch', async () => {
    const { sut, pollOnce } = setup([summary(2), summary(2), summary(1)], 1_000);
    const started = Date.now();

    sut.onApplicationBootstrap();
    await until(() => pollOnce.mock.calls.length >= 3);
    await sut.beforeApplicationShutdown();

    expect(Date.now() - started).toBeLessThan(900);
  });
});
