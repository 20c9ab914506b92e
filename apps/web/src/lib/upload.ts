import { ApiError, parseError, writeHeaders } from '../api/http';
import type { Batch } from '../api/types';

export type UploadState =
  | { phase: 'idle' }
  | { phase: 'uploading'; loaded: number; total: number }
  | { phase: 'validating'; batchId: string; batch?: Batch }
  | { phase: 'done'; batch: Batch }
  | { phase: 'refused'; error: ApiError }
  | { phase: 'cancelled' };

export type UploadEvent =
  | { type: 'start'; total: number }
  | { type: 'progress'; loaded: number; total: number }
  | { type: 'accepted'; batchId: string }
  | { type: 'polled'; batch: Batch }
  | { type: 'refused'; error: ApiError }
  | { type: 'cancelled' }
  | { type: 'reset' };

export function uploadReducer(state: UploadState, event: UploadEvent): UploadState {
  switch (event.type) {
    case 'start':
      return { phase: 'uploading', loaded: 0, total: event.total };
    case 'progress':
      return state.phase === 'uploading'
        ? { phase: 'uploading', loaded: event.loaded, total: event.total }
        : state;
    case 'accepted':
      return { phase: 'validating', batchId: event.batchId };
    case 'polled':
      if (state.phase !== 'validating' || state.batchId !== event.batch.id) return state;
      return event.batch.status === 'VALIDATING'
        ? { phase: 'validating', batchId: state.batchId, batch: event.batch }
        : { phase: 'done', batch: event.batch };
    case 'refused':
      return { phase: 'refused', error: event.error };
    case 'cancelled':
      return state.phase === 'uploading' || state.phase === 'validating' ? { phase: 'cancelled' } : state;
    case 'reset':
      return { phase: 'idle' };
  }
}

/**
 * The progress bar's value (0–100): the bytes sent fill the first half, validation the second (rows
 * validated out of the file's rows), so the bar never jumps back.
 */
export function uploadPercent(state: UploadState): number {
  switch (state.phase) {
    case 'uploading':
      return state.total > 0 ? Math.round((state.loaded / state.total) * 50) : 0;
    case 'validating': {
      const c = state.batch?.counts;
      if (!c || c.total === 0) return 50;
      return 50 + Math.round(((c.total - c.received) / c.total) * 49);
    }
    case 'done':
      return 100;
    case 'idle':
    case 'refused':
    case 'cancelled':
      return 0;
  }
}

export interface UploadHandle {
  abort(): void;
}

/** POST /batches by XMLHttpRequest: the only browser API that reports upload progress. */
export function sendFile(
  url: string,
  file: File,
  on: {
    progress(loaded: number, total: number): void;
    accepted(batchId: string): void;
    refused(error: ApiError): void;
    aborted(): void;
  },
  createXhr: () => XMLHttpRequest = () => new XMLHttpRequest(),
): UploadHandle {
  const xhr = createXhr();
  xhr.open('POST', url);
  xhr.setRequestHeader('Accept', 'application/json');
  for (const [name, value] of Object.entries(writeHeaders('POST'))) xhr.setRequestHeader(name, value);
  xhr.upload.onprogress = (e) => on.progress(e.loaded, e.lengthComputable ? e.total : file.size);
  xhr.onload = () => {
    if (xhr.status === 202 || xhr.status === 201 || xhr.status === 200) {
      const body = JSON.parse(xhr.responseText) as { id: string };
      on.accepted(body.id);
    } else on.refused(parseError(xhr.status, xhr.responseText));
  };
  xhr.onerror = () =>
    on.refused(new ApiError(0, 'UPLOAD_INCOMPLETE', 'The connection to the server was lost.'));
  xhr.onabort = () => on.aborted();
  const form = new FormData();
  form.append('file', file, file.name);
  xhr.send(form);
  return { abort: () => xhr.abort() };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
