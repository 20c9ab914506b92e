import { runCli } from '../run-cli';
import { API, BATCH_ID, batch, fakeCli, json, type FakeServer } from '../testing/fake-deps';
import { uploadCommand } from './upload.command';

const FILE = new Blob(['client_ref,order_type\n'], { type: 'text/csv' });

/** A gateway that accepts the upload, then answers the polls with these batches in turn. */
function gateway(...polls: Record<string, unknown>[]): FakeServer {
  let poll = 0;
  return (request) =>
    request.method === 'POST'
      ? json(202, { id: BATCH_ID, status: 'VALIDATING' })
      : json(200, polls[Math.min(poll++, polls.length - 1)]);
}

const validating = (received: number) =>
  batch({ status: 'VALIDATING', counts: { total: 5, received, valid: 5 - received, invalid: 0 } });

describe(uploadCommand.name, () => {
  const cliWith = (server: FakeServer) =>
    fakeCli(server, {
      openAsBlob: (path) =>
        path === 'data/trades.csv'
          ? Promise.resolve(FILE)
          : Promise.reject(Object.assign(new Error(), { code: 'ENOENT' })),
    });

  it('streams the file as multipart field "file", prints the id, then progress until AWAITING_APPROVAL (exit 0)', async () => {
    const cli = cliWith(gateway(validating(5), validating(3), validating(3), batch()));
    expect(await runCli(['upload', 'data/trades.csv', '--interval', '0.5'], cli.deps)).toBe(0);

    const [post, ...polls] = cli.requests;
    expect([post.method, post.url.toString()]).toEqual(['POST', `${API}/api/v1/batches`]);
    const form = post.body as FormData;
    const file = form.get('file') as File;
    expect(file.name).toBe('trades.csv');
    expect(await file.text()).toBe('client_ref,order_type\n');
    expect(polls.map((p) => p.url.pathname)).toEqual(Array(4).fill(`/api/v1/batches/${BATCH_ID}`));
    expect(cli.slept).toEqual([500, 500, 500]);

    expect(cli.stdout()).toBe(`${BATCH_ID}\n`);
    expect(cli.stderr()).toBe(
      [
        'validated 0/5',
        'validated 2/5',
        'validated 5/5',
        `batch ${BATCH_ID} AWAITING_APPROVAL: 5 rows: 4 valid, 1 invalid`,
        `row errors: batch errors ${BATCH_ID}`,
        '',
      ].join('\n'),
    );
  });

  it('exit 1 when the batch FAILED, with its failure', async () => {
    const failed = batch({
      status: 'FAILED',
      failure: { code: 'MALFORMED_CSV', message: 'line 3 is broken' },
    });
    const cli = cliWith(gateway(failed));
    expect(await runCli(['upload', 'data/trades.csv'], cli.deps)).toBe(1);
    expect(cli.stderr()).toContain(`batch ${BATCH_ID} FAILED: MALFORMED_CSV: line 3 is broken\n`);
  });

  it('--no-wait prints the id only', async () => {
    const cli = cliWith(gateway());
    expect(await runCli(['upload', 'data/trades.csv', '--no-wait'], cli.deps)).toBe(0);
    expect(cli.requests).toHaveLength(1);
    expect(cli.stdout()).toBe(`${BATCH_ID}\n`);
  });

  it('gives up after --timeout with exit 1', async () => {
    const cli = cliWith(gateway(validating(5)));
    expect(await runCli(['upload', 'data/trades.csv', '--timeout', '3'], cli.deps)).toBe(1);
    expect(cli.slept).toEqual([1000, 1000, 1000]);
    expect(cli.stderr()).toContain(`error: batch ${BATCH_ID} is still VALIDATING after 3 s (validated 0/5)`);
  });

  it('a refused file is the API error (exit 1)', async () => {
    const cli = cliWith(() =>
      json(409, { error: { code: 'DUPLICATE_FILE', message: 'already uploaded as batch 1' } }),
    );
    expect(await runCli(['upload', 'data/trades.csv'], cli.deps)).toBe(1);
    expect(cli.stderr()).toBe('error: DUPLICATE_FILE: already uploaded as batch 1 (HTTP 409)\n');
    expect(cli.stdout()).toBe('');
  });

  it('a missing file: exit 1, nothing sent', async () => {
    const cli = cliWith(gateway());
    expect(await runCli(['upload', 'nope.csv'], cli.deps)).toBe(1);
    expect(cli.stderr()).toBe('error: cannot read nope.csv: no such file\n');
    expect(cli.requests).toEqual([]);
  });
});
