import {
  clientRefKey,
  type EconomicFields,
  findAlreadyUsed,
  findInFileDuplicates,
  findPossibleDuplicates,
  isPossibleDuplicate,
  possibleDuplicateFlag,
  possibleDuplicateKey,
} from './duplicates.rule';

function economic(overrides: Partial<EconomicFields> = {}): EconomicFields {
  return {
    accountId: 'ACC-42',
    fundIsin: 'IE00B4L5Y983',
    orderType: 'SUBSCRIPTION',
    amount: '1000.5',
    units: null,
    tradeDate: '2026-03-30',
    ...overrides,
  };
}

describe(clientRefKey.name, () => {
  it('trims, and cannot be fooled by a separator inside a reference', () => {
    expect(clientRefKey(' ACC ', ' REF ')).toBe(clientRefKey('ACC', 'REF'));
    expect(clientRefKey('A|B', 'C')).not.toBe(clientRefKey('A', 'B|C'));
  });

  it('keeps client_ref case: REF-1 and ref-1 are different references', () => {
    expect(clientRefKey('ACC', 'REF-1')).not.toBe(clientRefKey('ACC', 'ref-1'));
  });
});

describe(findInFileDuplicates.name, () => {
  it('flags every later repeat of an (account, client_ref) and keeps the first valid', () => {
    const errors = findInFileDuplicates([
      { row: 1, accountId: 'ACC-1', clientRef: 'R1' },
      { row: 2, accountId: 'ACC-2', clientRef: 'R1' },
      { row: 3, accountId: 'ACC-1', clientRef: ' R1 ' },
      { row: 4, accountId: 'ACC-1', clientRef: 'R2' },
      { row: 5, accountId: 'ACC-1', clientRef: 'R1' },
    ]);
    expect(errors.map(({ row, column, code }) => ({ row, column, code }))).toEqual([
      { row: 3, column: 'client_ref', code: 'CLIENT_REF_DUPLICATE_IN_FILE' },
      { row: 5, column: 'client_ref', code: 'CLIENT_REF_DUPLICATE_IN_FILE' },
    ]);
    expect(errors[0].message).toContain('row 1');
  });

  it('leaves empty references to the text rules', () => {
    expect(
      findInFileDuplicates([
        { row: 1, accountId: 'ACC-1', clientRef: '' },
        { row: 2, accountId: 'ACC-1', clientRef: '' },
      ]),
    ).toEqual([]);
  });

  it('finds nothing in a file without repeats', () => {
    expect(findInFileDuplicates([])).toEqual([]);
  });
});

describe(findAlreadyUsed.name, () => {
  it('flags rows whose (account, client_ref) a valid trade of an earlier batch already uses', () => {
    const used = new Set([clientRefKey('ACC-1', 'R1')]);
    const errors = findAlreadyUsed(
      [
        { row: 1, accountId: 'ACC-1', clientRef: 'R1' },
        { row: 2, accountId: 'ACC-2', clientRef: 'R1' },
        { row: 3, accountId: 'ACC-1', clientRef: 'R2' },
      ],
      used,
    );
    expect(errors).toEqual([
      {
        row: 1,
        column: 'client_ref',
        code: 'CLIENT_REF_ALREADY_USED',
        message: expect.stringContaining('earlier batch'),
      },
    ]);
  });
});

describe(possibleDuplicateKey.name, () => {
  it('matches the same order however its decimals were written', () => {
    expect(possibleDuplicateKey(economic({ amount: '1000.50000000' }))).toBe(
      possibleDuplicateKey(economic()),
    );
  });

  it.each([
    ['account', { accountId: 'ACC-43' }],
    ['fund', { fundIsin: 'LU0274208692' }],
    ['order type', { orderType: 'REDEMPTION' as const }],
    ['amount', { amount: '1000.51' }],
    ['trade date', { tradeDate: '2026-03-31' }],
    ['amount vs the same number of units', { amount: null, units: '1000.5' }],
  ])('tells orders apart by %s', (_, overrides) => {
    expect(possibleDuplicateKey(economic(overrides))).not.toBe(possibleDuplicateKey(economic()));
  });
});

describe(isPossibleDuplicate.name, () => {
  const key = possibleDuplicateKey(economic());

  it('flags a match under another client_ref', () => {
    expect(isPossibleDuplicate({ ...economic(), clientRef: 'R2' }, [{ clientRef: 'R1', key }])).toBe(true);
  });

  it('does not flag the trade itself, or a different order', () => {
    expect(isPossibleDuplicate({ ...economic(), clientRef: 'R1' }, [{ clientRef: 'R1', key }])).toBe(false);
    expect(
      isPossibleDuplicate({ ...economic({ amount: '5' }), clientRef: 'R2' }, [{ clientRef: 'R1', key }]),
    ).toBe(false);
    expect(isPossibleDuplicate({ ...economic(), clientRef: 'R2' }, [])).toBe(false);
  });
});

describe(findPossibleDuplicates.name, () => {
  it('flags rows that match each other or a live trade under another client_ref', () => {
    const rows = [
      { row: 1, trade: { ...economic(), clientRef: 'R1' } },
      { row: 2, trade: { ...economic({ amount: '1000.50' }), clientRef: 'R2' } },
      { row: 3, trade: { ...economic({ units: '10', amount: null }), clientRef: 'R3' } },
      { row: 4, trade: { ...economic({ orderType: 'REDEMPTION' }), clientRef: 'R4' } },
    ];
    const live = [{ clientRef: 'OLD-9', key: possibleDuplicateKey(economic({ orderType: 'REDEMPTION' })) }];
    expect(findPossibleDuplicates(rows, live)).toEqual([1, 2, 4]);
  });

  it('flags nothing when every order differs', () => {
    const rows = [
      { row: 1, trade: { ...economic(), clientRef: 'R1' } },
      { row: 2, trade: { ...economic({ amount: '2000' }), clientRef: 'R2' } },
    ];
    expect(findPossibleDuplicates(rows)).toEqual([]);
  });
});

describe(possibleDuplicateFlag.name, () => {
  it('is a POSSIBLE_DUPLICATE on client_ref', () => {
    expect(possibleDuplicateFlag(7, 'R2')).toEqual({
      row: 7,
      column: 'client_ref',
      code: 'POSSIBLE_DUPLICATE',
      message: expect.stringContaining('approver'),
    });
  });
});
