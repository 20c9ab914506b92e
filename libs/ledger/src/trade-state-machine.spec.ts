import { TRADE_STATUSES, type TradeStatus } from '@contingency/contracts';
import { IllegalTransitionError } from './errors';
import { assertTransition, isTerminal, TRADE_TRANSITIONS } from './trade-state-machine';

// Written out from the design brief on purpose, not derived from the table under test.
const LEGAL = new Set([
  'RECEIVED>VALID',
  'RECEIVED>INVALID',
  'RECEIVED>CANCELLED',
  'VALID>RELEASED',
  'VALID>CANCELLED',
  'RELEASED>DISPATCHED',
  'RELEASED>NACKED',
  'RELEASED>OUTCOME_UNKNOWN',
  'RELEASED>DEAD_LETTERED',
  'RELEASED>CANCELLED',
  'DISPATCHED>ACKNOWLEDGED',
  'DISPATCHED>CONFIRMED',
  'DISPATCHED>NACKED',
  'ACKNOWLEDGED>CONFIRMED',
  'ACKNOWLEDGED>NACKED',
  'OUTCOME_UNKNOWN>DISPATCHED',
  'OUTCOME_UNKNOWN>RELEASED',
  'OUTCOME_UNKNOWN>NACKED',
  'OUTCOME_UNKNOWN>DEAD_LETTERED',
  'DEAD_LETTERED>RELEASED',
  'DEAD_LETTERED>CANCELLED',
]);

const ALL_PAIRS = TRADE_STATUSES.flatMap((from) => TRADE_STATUSES.map((to) => [from, to] as const));

describe('TRADE_TRANSITIONS', () => {
  it('covers every status and only known statuses', () => {
    expect(Object.keys(TRADE_TRANSITIONS).sort()).toEqual([...TRADE_STATUSES].sort());
  });

  it.each(ALL_PAIRS.filter(([from, to]) => LEGAL.has(`${from}>${to}`)))('allows %s → %s', (from, to) => {
    expect(() => assertTransition(from, to)).not.toThrow();
  });

  it.each(ALL_PAIRS.filter(([from, to]) => !LEGAL.has(`${from}>${to}`)))('refuses %s → %s', (from, to) => {
    expect(() => assertTransition(from, to, 'T-1')).toThrow(IllegalTransitionError);
  });
});

describe(assertTransition.name, () => {
  it('names the trade and both statuses', () => {
    let thrown: unknown;
    try {
      assertTransition('CONFIRMED', 'RELEASED', 'trade-42');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(IllegalTransitionError);
    expect(thrown).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      id: 'trade-42',
      from: 'CONFIRMED',
      to: 'RELEASED',
    });
    expect((thrown as Error).message).toMatch(/trade-42.*CONFIRMED.*RELEASED/);
  });
});

describe(isTerminal.name, () => {
  const terminal: TradeStatus[] = ['CONFIRMED', 'INVALID', 'NACKED', 'CANCELLED'];

  it.each(TRADE_STATUSES.map((s) => [s, terminal.includes(s)] as const))(
    '%s terminal: %s',
    (status, expected) => {
      expect(isTerminal(status)).toBe(expected);
    },
  );
});
