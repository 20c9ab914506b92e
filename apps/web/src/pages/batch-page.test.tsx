import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decisionAvailability } from '../lib/approval-rules';
import { refusalFor } from '../lib/refusals';
import { aBatch, aMe, fakeFetch } from '../test/factories';
import { BatchView } from './batch-page';

const renderBatch = (ui: React.ReactElement) =>
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      {ui}
    </QueryClientProvider>,
  );

afterEach(() => vi.unstubAllGlobals());

describe(decisionAvailability.name, () => {
  it('shows the decision only to an approver who did not upload a batch awaiting approval', () => {
    const batch = aBatch({ uploadedBy: 'operator-1' });
    expect(decisionAvailability(aMe(), batch)).toEqual({ show: true });
    expect(
      decisionAvailability(aMe({ principal: 'operator-1', roles: ['operator', 'approver'] }), batch),
    ).toEqual({ show: false, reason: 'own-upload' });
    expect(decisionAvailability(aMe({ principal: 'operator-1', roles: ['operator'] }), batch)).toEqual({
      show: false,
      reason: 'not-approver',
    });
    expect(decisionAvailability(aMe(), aBatch({ status: 'RELEASED' }))).toEqual({
      show: false,
      reason: 'not-awaiting',
    });
    expect(decisionAvailability(undefined, batch)).toEqual({ show: false, reason: 'signed-out' });
  });
});

describe(BatchView.name, () => {
  it('has no approve button for the uploader, even with the approver role, and says why', () => {
    vi.stubGlobal(
      'fetch',
      fakeFetch({ 'GET /api/v1/batches/11111111-1111-4111-8111-111111111111/errors': [] }).fetch,
    );
    renderBatch(
      <BatchView batch={aBatch()} me={aMe({ principal: 'operator-1', roles: ['operator', 'approver'] })} />,
    );
    expect(screen.queryByRole('button', { name: /Approve/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Reject' })).toBeNull();
    expect(screen.getByText(/You uploaded this batch/)).toBeTruthy();
  });

  it('has no approve button for an operator', () => {
    vi.stubGlobal(
      'fetch',
      fakeFetch({ 'GET /api/v1/batches/11111111-1111-4111-8111-111111111111/errors': [] }).fetch,
    );
    renderBatch(<BatchView batch={aBatch()} me={aMe({ principal: 'operator-2', roles: ['operator'] })} />);
    expect(screen.queryByRole('button', { name: /Approve/ })).toBeNull();
  });

  it("lets a second approver approve with a comment, the CSRF header sent, and shows the server's refusal", async () => {
    const fake = fakeFetch({
      'GET /api/v1/batches/11111111-1111-4111-8111-111111111111/errors': [],
      'POST /api/v1/batches/11111111-1111-4111-8111-111111111111/approve': new Response(
        JSON.stringify({ error: { code: 'FOUR_EYES', message: 'a second person must approve it' } }),
        { status: 403 },
      ),
    });
    vi.stubGlobal('fetch', fake.fetch);
    const { setCsrfToken } = await import('../api/http');
    setCsrfToken('csrf-1');
    renderBatch(<BatchView batch={aBatch()} me={aMe()} />);
    fireEvent.change(screen.getByLabelText('Decision comment'), { target: { value: 'checked row 2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Approve and release' }));
    await waitFor(() => expect(screen.getByText('Refused: FOUR_EYES')).toBeTruthy());
    const call = fake.calls.find((c) => c.method === 'POST')!;
    expect(call.headers['X-CSRF-Token']).toBe('csrf-1');
    expect(JSON.parse(call.body!)).toEqual({ comment: 'checked row 2' });
  });

  it('lists row errors with possible duplicates marked as warnings, and links the CSV download', async () => {
    vi.stubGlobal(
      'fetch',
      fakeFetch({
        'GET /api/v1/batches/11111111-1111-4111-8111-111111111111/errors': [
          {
            row: 2,
            column: 'fund_isin',
            code: 'UNKNOWN_FUND',
            message: 'not in the fund master',
            severity: 'error',
          },
          {
            row: 3,
            column: 'client_ref',
            code: 'POSSIBLE_DUPLICATE',
            message: 'same as another live trade',
            severity: 'warning',
          },
        ],
      }).fetch,
    );
    renderBatch(<BatchView batch={aBatch()} me={aMe()} />);
    await waitFor(() => expect(screen.getByText('UNKNOWN_FUND')).toBeTruthy());
    expect(screen.getByText('POSSIBLE_DUPLICATE')).toBeTruthy();
    expect(screen.getByText(/1 possible duplicate\(s\) marked as warnings/)).toBeTruthy();
    expect(screen.getByText('Download CSV').closest('a')?.getAttribute('href')).toBe(
      '/api/v1/batches/11111111-1111-4111-8111-111111111111/errors?format=csv',
    );
    fireEvent.change(screen.getByLabelText('Filter row errors'), { target: { value: 'fund' } });
    await waitFor(() => expect(screen.queryByText('POSSIBLE_DUPLICATE')).toBeNull());
    expect(screen.getByText('UNKNOWN_FUND')).toBeTruthy();
  });
});

describe('a FAILED batch', () => {
  it('shows its refusal with the help text of the upload page, and no trades or decision', () => {
    const fake = fakeFetch({});
    vi.stubGlobal('fetch', fake.fetch);
    const failure = { code: 'BAD_ENCODING', message: 'trades.csv line 4 is not UTF-8.' };
    const help = refusalFor(failure);

    renderBatch(
      <BatchView
        batch={aBatch({ status: 'FAILED', sha256: null, failure, counts: { ...aBatch().counts, total: 0 } })}
        me={aMe()}
      />,
    );

    expect(screen.getByText(help.title)).toBeTruthy();
    expect(screen.getByText(help.problem)).toBeTruthy();
    expect(screen.getByText(help.fix)).toBeTruthy();
    expect(screen.getByText('BAD_ENCODING: trades.csv line 4 is not UTF-8.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Approve/ })).toBeNull();
    expect(screen.queryByText('Trades of this batch')).toBeNull();
    expect(fake.calls).toEqual([]); // no row errors to fetch
  });
});
