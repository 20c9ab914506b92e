import { checkAccountId, checkClientRef, checkComment, checkOrderType } from './text.rule';

function codesOf(checked: { ok: true } | { ok: false; issues: { code: string }[] }): string[] {
  return checked.ok ? [] : checked.issues.map((found) => found.code);
}

describe(checkClientRef.name, () => {
  it.each([
    ['ORD-1', 'ORD-1'],
    ['  ORD-1  ', 'ORD-1'],
    ['A', 'A'],
    ['X'.repeat(35), 'X'.repeat(35)],
    ['ÄÖÜ-ß-€'.padEnd(35, 'é'), 'ÄÖÜ-ß-€'.padEnd(35, 'é')],
    ['ref with spaces', 'ref with spaces'],
  ])('accepts %j', (cell, value) => {
    expect(checkClientRef(cell)).toEqual({ ok: true, value });
  });

  it.each([
    ['', ['CLIENT_REF_REQUIRED']],
    ['   ', ['CLIENT_REF_REQUIRED']],
    ['X'.repeat(36), ['CLIENT_REF_TOO_LONG']],
    ['ORD\n1', ['CLIENT_REF_INVALID_CHARACTERS']],
    ['ORD\t1', ['CLIENT_REF_INVALID_CHARACTERS']],
    [`${'X'.repeat(36)}\u0000`, ['CLIENT_REF_TOO_LONG', 'CLIENT_REF_INVALID_CHARACTERS']],
  ])('refuses %j', (cell, codes) => {
    expect(codesOf(checkClientRef(cell))).toEqual(codes);
  });

  it('counts characters, not UTF-16 code units', () => {
    expect(checkClientRef('😀'.repeat(35)).ok).toBe(true);
  });

  it('says the length and the limit', () => {
    const checked = checkClientRef('X'.repeat(36));
    expect(checked.ok ? undefined : checked.issues[0].message).toContain(
      'has 36 characters but at most 35 are allowed',
    );
  });
});

describe(checkAccountId.name, () => {
  it.each([
    ['ACC-42', true],
    [' 12345678 ', true],
    ['A'.repeat(35), true],
    ['', false],
    ['A'.repeat(36), false],
  ])('%j → %s', (cell, ok) => {
    expect(checkAccountId(cell).ok).toBe(ok);
  });

  it.each([
    ['', 'ACCOUNT_ID_REQUIRED'],
    ['A'.repeat(36), 'ACCOUNT_ID_TOO_LONG'],
    ['ACC\r42', 'ACCOUNT_ID_INVALID_CHARACTERS'],
  ])('refuses %j with %s', (cell, code) => {
    expect(codesOf(checkAccountId(cell))).toEqual([code]);
  });
});

describe(checkComment.name, () => {
  it.each([
    ['', null],
    ['   ', null],
    ['urgent', 'urgent'],
    ['C'.repeat(140), 'C'.repeat(140)],
    ['line one\r\nline two', 'line one line two'],
    // Formula-looking text is data here; exports neutralise it.
    ['=SUM(A1:A2)', '=SUM(A1:A2)'],
  ])('accepts %j as %j', (cell, value) => {
    expect(checkComment(cell)).toEqual({ ok: true, value });
  });

  it.each([
    ['C'.repeat(141), 'COMMENT_TOO_LONG'],
    ['bell\u0007', 'COMMENT_INVALID_CHARACTERS'],
  ])('refuses %j with %s', (cell, code) => {
    expect(codesOf(checkComment(cell))).toEqual([code]);
  });

  it('says by how much to shorten it', () => {
    const checked = checkComment('C'.repeat(150));
    expect(checked.ok ? undefined : checked.issues[0].message).toBe(
      'comment has 150 characters but at most 140 are allowed: shorten it by 10',
    );
  });
});

describe(checkOrderType.name, () => {
  it.each([
    ['SUBSCRIPTION', 'SUBSCRIPTION'],
    ['subscription', 'SUBSCRIPTION'],
    [' Redemption ', 'REDEMPTION'],
    ['REDEMPTION', 'REDEMPTION'],
  ])('accepts %j as %s', (cell, value) => {
    expect(checkOrderType(cell)).toEqual({ ok: true, value });
  });

  it.each([
    ['', 'ORDER_TYPE_REQUIRED'],
    ['BUY', 'ORDER_TYPE_INVALID'],
    ['SUB', 'ORDER_TYPE_INVALID'],
    ['SWITCH', 'ORDER_TYPE_INVALID'],
    ['SUBSCRIPTIONS', 'ORDER_TYPE_INVALID'],
  ])('refuses %j with %s', (cell, code) => {
    expect(codesOf(checkOrderType(cell))).toEqual([code]);
  });
});
