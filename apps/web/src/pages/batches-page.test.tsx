import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import createWrapper from '@cloudscape-design/components/test-utils/dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Batch, Page } from '../api/types';
import { aBatch } from '../test/factories';
import { BatchesPage } from './batches-page';

const renderPage = (params = '') =>
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <BatchesPage params={new URLSearchParams(params)} />
    </QueryClientProvider>,
  );

/** GET /api/v1/batches answering page by page: the first without a cursor, the next with 'page-2'. */
function stubBatches(first: Page<Batch>, second: Page<Batch> = { items: [] }) {
  const urls: string[] = [];
  vi.stubGlobal('fetch', (url: string) => {
    urls.push(url);
    const page = new URL(url, 'http://console').searchParams.get('cursor') === 'page-2' ? second : first;
    return Promise.resolve(new Response(JSON.stringify(page), { status: 200 }));
  });
  return urls;
}

afterEach(() => {
  vi.unstubAllGlobals();
  window.location.hash = '';
});

describe(BatchesPage.name, () => {
  it('lists batches with status, counts, uploader and a link to each, and loads more on demand', async () => {
    const failed = aBatch({
      id: '22222222-2222-4222-8222-222222222222',
      fileName: 'scan.pdf',
      status: 'FAILED',
      uploadedBy: 'operator-2',
      counts: { ...aBatch().counts, total: 0, valid: 0, invalid: 0, possibleDuplicates: 0 },
      failure: { code: 'NOT_CSV_OR_XLSX', message: 'scan.pdf is a PDF' },
    });
    const older = aBatch({ id: '33333333-3333-4333-8333-333333333333', fileName: 'monday.csv' });
    const urls = stubBatches({ items: [aBatch(), failed], nextCursor: 'page-2' }, { items: [older] });

    renderPage();

    const link = await screen.findByRole('link', { name: 'scan.pdf' });
    expect(link.getAttribute('href')).toBe('#/batches/22222222-2222-4222-8222-222222222222');
    const row = link.closest('tr')!;
    expect(within(row).getByText('FAILED')).toBeTruthy();
    expect(within(row).getByText('Refused: NOT_CSV_OR_XLSX')).toBeTruthy();
    expect(within(row).getByText('operator-2')).toBeTruthy();
    expect(screen.getByText('3 rows · 2 valid · 1 with errors · 1 possible duplicates')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'monday.csv' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));

    expect(await screen.findByRole('link', { name: 'monday.csv' })).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull());
    expect(urls.map((u) => new URL(u, 'http://console').searchParams.get('cursor'))).toEqual([
      null,
      'page-2',
    ]);
  });

  it('asks the API for the status in the location, and says when nothing matches', async () => {
    const urls = stubBatches({ items: [] });

    renderPage('status=rejected');

    expect(await screen.findByText('No batches match these filters.')).toBeTruthy();
    const query = new URL(urls[0], 'http://console').searchParams;
    expect([query.get('status'), query.get('limit')]).toEqual(['REJECTED', '50']);
  });

  it('filters by status through the location, so the filter survives a reload', async () => {
    stubBatches({ items: [aBatch()] });
    renderPage();
    await screen.findByRole('link', { name: 'trades.csv' });

    const select = createWrapper().findSelect()!;
    select.openDropdown();
    select.selectOptionByValue('AWAITING_APPROVAL');

    expect(window.location.hash).toBe('#/batches?status=AWAITING_APPROVAL');
  });
});
