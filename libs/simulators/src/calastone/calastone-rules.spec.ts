import {
  answerSteps,
  calastoneRules,
  CalastoneRulesRequest,
  decide,
  type OrderToDecide,
} from './calastone-rules';

const anOrder = (overrides: Partial<OrderToDecide> = {}): OrderToDecide => ({
  accountId: 'ACC-1',
  fundIsin: 'LU0123456789',
  priceable: true,
  alreadyReceived: false,
  ...overrides,
});

describe(decide.name, () => {
  it('accepts by default', () => {
    expect(decide(anOrder(), calastoneRules())).toEqual({ kind: 'accept' });
  });

  it('rejects by the first rule whose account and fund match, the rule text or a default text', () => {
    const rules = calastoneRules({
      rejections: [
        { accountId: 'ACC-2', fundIsin: 'LU0123456789', reasonCode: 'BMIN' },
        { fundIsin: 'LU0123456789', reasonCode: 'CUTO', reasonText: 'after the cut-off' },
        { accountId: 'ACC-1', reasonCode: 'SAFE' },
      ],
    });

    expect(decide(anOrder(), rules)).toEqual({
      kind: 'reject',
      reasonCode: 'CUTO',
      reasonText: 'after the cut-off',
    });
    expect(decide(anOrder({ accountId: 'ACC-2' }), rules)).toMatchObject({ reasonCode: 'BMIN' });
    expect(decide(anOrder({ fundIsin: 'IE00B4L5Y983' }), rules)).toEqual({
      kind: 'reject',
      reasonCode: 'SAFE',
      reasonText: 'rejected by a Calastone simulator rule',
    });
    expect(decide(anOrder({ accountId: 'ACC-3', fundIsin: 'IE00B4L5Y983' }), rules)).toEqual({
      kind: 'accept',
    });
  });

  it('rejects every order by a rule that names neither account nor fund', () => {
    expect(decide(anOrder(), calastoneRules({ rejections: [{ reasonCode: 'CLOS' }] }))).toMatchObject({
      reasonCode: 'CLOS',
    });
  });

  it('rejects a known OrdrRef ORRF before any rule, then an order without fund or dealable quantity', () => {
    const rules = calastoneRules({ rejections: [{ reasonCode: 'CLOS' }] });

    expect(decide(anOrder({ alreadyReceived: true }), rules)).toMatchObject({ reasonCode: 'ORRF' });
    expect(decide(anOrder({ fundIsin: undefined }), rules)).toMatchObject({ reasonCode: 'DSEC' });
    expect(decide(anOrder({ priceable: false }), rules)).toMatchObject({ reasonCode: 'DQUA' });
  });
});

describe(answerSteps.name, () => {
  const accept = { kind: 'accept' } as const;
  const reject = { kind: 'reject', reasonCode: 'CUTO', reasonText: 'late' } as const;

  it('answers RECE, PACK, confirmation; or RECE and the rejection', () => {
    expect(answerSteps(accept, calastoneRules(), false)).toEqual(['RECEIVED', 'ACCEPTED', 'CONFIRMED']);
    expect(answerSteps(reject, calastoneRules(), false)).toEqual(['RECEIVED', 'REJECTED']);
  });

  it('confirms before the PACK out of order, not at all when told not to', () => {
    expect(answerSteps(accept, calastoneRules({ outOfOrder: true }), false)).toEqual([
      'RECEIVED',
      'CONFIRMED',
      'ACCEPTED',
    ]);
    expect(answerSteps(accept, calastoneRules({ confirm: false }), false)).toEqual(['RECEIVED', 'ACCEPTED']);
  });

  it('answers a duplicate OrdrRef with its rejection only', () => {
    expect(answerSteps(reject, calastoneRules(), true)).toEqual(['REJECTED']);
  });
});

describe('CalastoneRulesRequest', () => {
  it('fills the defaults: accept, confirm in .001.05, in order, once, at once', () => {
    expect(calastoneRules(CalastoneRulesRequest.parse({}))).toEqual({
      rejections: [],
      confirm: true,
      confirmationVersion: '001.05',
      outOfOrder: false,
      repeatReports: false,
      answerDelayMs: 0,
    });
  });

  it('refuses a reason code of no ISO list, an unknown version, a negative delay and unknown fields', () => {
    expect(CalastoneRulesRequest.safeParse({ rejections: [{ reasonCode: 'NOPE' }] }).success).toBe(false);
    expect(
      CalastoneRulesRequest.safeParse({ rejections: [{ reasonCode: 'SAFE', account: 'A' }] }).success,
    ).toBe(false);
    expect(CalastoneRulesRequest.safeParse({ confirmationVersion: '001.03' }).success).toBe(false);
    expect(CalastoneRulesRequest.safeParse({ answerDelayMs: -1 }).success).toBe(false);
    expect(CalastoneRulesRequest.safeParse({ repeat: true }).success).toBe(false);
    expect(
      CalastoneRulesRequest.safeParse({ rejections: [{ reasonCode: 'ORRF', fundIsin: 'LU0123456789' }] })
        .success,
    ).toBe(true);
  });
});
