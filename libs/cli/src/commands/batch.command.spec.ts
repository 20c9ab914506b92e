import { runCli } from '../run-cli';
import { API, BATCH_ID, batch, fakeCli, json } from '../testing/fake-deps';
import { batchApproveCommand } from './batch-approve.command';
import { batchErrorsCommand } from './batch-errors.command';
import { batchRejectCommand } from './batch-reject.command';
import { batchShowCommand } from './batch-show.command';

describe(batchShowCommand.name, () => {
  it('prints a readable summary', async () => {
    const cli = fakeCli(() =>
      json(
        200,
        batch({
          status: 'RELEASED',
          approvedBy: 'anna.approver',
          approvedAt: '2026-03-02T10:00:00.000Z',
          decisionComment: 'ok',
        }),
      ),
    );
    expect(await runCli(['batch', 'show', BATCH_ID], cli.deps)).toBe(0);
    expect(cli.requests[0].url.toString()).toBe(`${API}/api/v1/batches/${BATCH_ID}`);
    expect(cli.stdout()).toBe(
      [
        `Batch     ${BATCH_ID}`,
        'Status    RELEASED',
        'File      trades.csv (2.0 kB, sha256 abababababab…)',
        'Rows      5 rows: 4 valid, 1 invalid',
        'Uploaded  2026-03-02T09:15:00.000Z by olivia.operator',
        'Approved  2026-03-02T10:00:00.000Z by anna.approver',
        'Comment   ok',
        '',
      ].join('\n'),
    );
  });

  it('shows why a batch FAILED', async () => {
    const cli = fakeCli(() =>
      json(
        200,
        batch({
          status: 'FAILED',
          counts: { total: 0 },
          failure: { code: 'EMPTY_FILE', message: 'no trades' },
        }),
      ),
    );
    await runCli(['batch', 'show', BATCH_ID], cli.deps);
    expect(cli.stdout()).toContain('Failure   EMPTY_FILE: no trades\n');
  });

  it('--json prints the answer as is', async () => {
    const cli = fakeCli(() => json(200, batch({ extra: { nested: true } })));
    await runCli(['batch', 'show', BATCH_ID, '--json'], cli.deps);
    expect(JSON.parse(cli.stdout())).toEqual(batch({ extra: { nested: true } }));
  });

  it('a missing batch is the API error', async () => {
    const cli = fakeCli(() => json(404, { error: { code: 'NOT_FOUND', message: 'batch x not found' } }));
    expect(await runCli(['batch', 'show', 'x'], cli.deps)).toBe(1);
    expect(cli.stderr()).toBe('error: NOT_FOUND: batch x not found (HTTP 404)\n');
  });
});

describe.each([
  [batchApproveCommand.name, 'approve', 'approved', 'RELEASED'],
  [batchRejectCommand.name, 'reject', 'rejected', 'REJECTED'],
])('%s', (_, verb, done, status) => {
  it('POSTs the decision with the comment', async () => {
    const cli = fakeCli(() => json(200, batch({ status })));
    expect(await runCli(['batch', verb, BATCH_ID, '--comment', 'checked with desk'], cli.deps)).toBe(0);
    const [request] = cli.requests;
    expect([request.method, request.url.pathname]).toEqual(['POST', `/api/v1/batches/${BATCH_ID}/${verb}`]);
    expect(JSON.parse(request.body as string)).toEqual({ comment: 'checked with desk' });
    expect(cli.stdout()).toBe(`batch ${BATCH_ID} ${done}: now ${status}\n`);
  });

  it('sends an empty body without a comment; four eyes refusals are the API error', async () => {
    const cli = fakeCli(() =>
      json(403, {
        error: { code: 'FOUR_EYES', message: 'you uploaded this batch: a second person must decide it' },
      }),
    );
    expect(await runCli(['batch', verb, BATCH_ID], cli.deps)).toBe(1);
    expect(JSON.parse(cli.requests[0].body as string)).toEqual({});
    expect(cli.stderr()).toBe(
      'error: FOUR_EYES: you uploaded this batch: a second person must decide it (HTTP 403)\n',
    );
  });
});

describe(batchErrorsCommand.name, () => {
  const errors = [
    {
      row: 2,
      column: 'amount',
      code: 'AMOUNT_FORMAT',
      message: "amount '1,000' is not a decimal",
      severity: 'error',
    },
    {
      row: 7,
      column: 'client_ref',
      code: 'POSSIBLE_DUPLICATE',
      message: 'same as\nanother trade',
      severity: 'warning',
    },
  ];

  it('prints the row errors as a table', async () => {
    const cli = fakeCli(() => json(200, errors));
    expect(await runCli(['batch', 'errors', BATCH_ID], cli.deps)).toBe(0);
    expect(cli.requests[0].url.toString()).toBe(`${API}/api/v1/batches/${BATCH_ID}/errors`);
    expect(cli.stdout()).toBe(
      [
        'ROW  COLUMN      CODE                          MESSAGE',
        "2    amount      AMOUNT_FORMAT                 amount '1,000' is not a decimal",
        '7    client_ref  POSSIBLE_DUPLICATE (warning)  same as another trade',
        '',
      ].join('\n'),
    );
  });

  it('says so when there are none', async () => {
    const cli = fakeCli(() => json(200, []));
    await runCli(['batch', 'errors', BATCH_ID], cli.deps);
    expect(cli.stdout()).toBe('no row errors\n');
  });

  it('--csv prints the CSV download', async () => {
    const csv = 'row,column,code,message\r\n2,amount,AMOUNT_FORMAT,"amount \'1,000\' is not a decimal"\r\n';
    const cli = fakeCli(() => new Response(csv, { headers: { 'content-type': 'text/csv' } }));
    expect(await runCli(['batch', 'errors', BATCH_ID, '--csv'], cli.deps)).toBe(0);
    expect(cli.requests[0].url.search).toBe('?format=csv');
    expect(cli.stdout()).toBe(csv);
  });
});
