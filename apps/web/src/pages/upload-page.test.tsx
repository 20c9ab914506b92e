import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { uploadPercent, uploadReducer } from '../lib/upload';
import { aBatch, fakeFetch } from '../test/factories';
import { UploadPage } from './upload-page';

/** An XMLHttpRequest the test drives: progress, the answer, or an abort. */
class FakeXhr {
  upload: { onprogress: ((e: ProgressEvent) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  status = 0;
  responseText = '';
  sent: FormData | undefined;
  headers: Record<string, string> = {};
  open = vi.fn();
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: FormData) {
    this.sent = body;
  }
  abort() {
    this.onabort?.();
  }
  progress(loaded: number, total: number) {
    this.upload.onprogress?.({ loaded, total, lengthComputable: true } as ProgressEvent);
  }
  answer(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.onload?.();
  }
}

function pickFile(content = 'client_ref,order_type\n') {
  const input = document.querySelector('input[type="file"]')!;
  const file = new File([content], 'trades.csv', { type: 'text/csv' });
  fireEvent.change(input, { target: { files: [file] } });
  return file;
}

afterEach(() => vi.unstubAllGlobals());

describe(uploadReducer.name, () => {
  it('goes from bytes sent to rows validated without the bar ever going back', () => {
    let s = uploadReducer({ phase: 'idle' }, { type: 'start', total: 1000 });
    s = uploadReducer(s, { type: 'progress', loaded: 500, total: 1000 });
    expect(uploadPercent(s)).toBe(25);
    s = uploadReducer(s, { type: 'accepted', batchId: 'b' });
    expect(uploadPercent(s)).toBe(50);
    s = uploadReducer(s, {
      type: 'polled',
      batch: aBatch({ id: 'b', status: 'VALIDATING', counts: { ...aBatch().counts, total: 4, received: 2 } }),
    });
    expect(uploadPercent(s)).toBe(75);
    s = uploadReducer(s, { type: 'polled', batch: aBatch({ id: 'b' }) });
    expect(s.phase).toBe('done');
    expect(uploadPercent(s)).toBe(100);
    expect(uploadReducer(s, { type: 'cancelled' })).toBe(s);
  });
});

describe(UploadPage.name, () => {
  it('shows the size, the upload progress, then validation until the batch awaits approval', async () => {
    const batch = aBatch();
    vi.stubGlobal('fetch', fakeFetch({ [`GET /api/v1/batches/${batch.id}`]: batch }).fetch);
    const xhr = new FakeXhr();
    render(<UploadPage createXhr={() => xhr as unknown as XMLHttpRequest} />);
    pickFile('x'.repeat(2048));
    expect(screen.getByText('trades.csv — 2.0 KB')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Upload' }));
    expect(xhr.open).toHaveBeenCalledWith('POST', '/api/v1/batches');
    expect((xhr.sent!.get('file') as File).name).toBe('trades.csv');
    act(() => xhr.progress(1024, 2048));
    expect(screen.getByText('1.0 KB of 2.0 KB sent')).toBeTruthy();
    act(() => xhr.answer(202, { id: batch.id, status: 'VALIDATING' }));
    await waitFor(() => expect(screen.getByText(/2 valid, 1 with errors/)).toBeTruthy());
    expect(screen.getByText('Open the batch').closest('a')?.getAttribute('href')).toBe(
      `#/batches/${batch.id}`,
    );
  });

  it('explains a refused file and how to fix it', () => {
    const xhr = new FakeXhr();
    render(<UploadPage createXhr={() => xhr as unknown as XMLHttpRequest} />);
    pickFile();
    fireEvent.click(screen.getByRole('button', { name: 'Upload' }));
    act(() => xhr.answer(422, { error: { code: 'MISSING_COLUMNS', message: 'missing columns: fund_isin' } }));
    expect(screen.getByText('Columns missing')).toBeTruthy();
    expect(screen.getByText(/Add the columns named below/)).toBeTruthy();
    expect(screen.getByText('MISSING_COLUMNS: missing columns: fund_isin')).toBeTruthy();
  });

  it('cancels an upload in flight', () => {
    const xhr = new FakeXhr();
    render(<UploadPage createXhr={() => xhr as unknown as XMLHttpRequest} />);
    pickFile();
    fireEvent.click(screen.getByRole('button', { name: 'Upload' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel upload' }));
    expect(screen.getByText(/Upload cancelled/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Cancel upload' })).toBeNull();
  });
});
