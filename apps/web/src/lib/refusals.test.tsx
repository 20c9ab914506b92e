import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/http';
import { RefusalAlert } from '../components/refusal-alert';
import { KNOWN_REFUSAL_CODES, refusalFor } from './refusals';

// Every file-level code the gateway answers POST /batches with (libs/trade-file, upload.errors, the filter).
const GATEWAY_CODES = [
  'NOT_CSV_OR_XLSX',
  'BAD_ENCODING',
  'MISSING_COLUMNS',
  'UNKNOWN_COLUMNS',
  'DUPLICATE_COLUMNS',
  'EMPTY_FILE',
  'TOO_LARGE',
  'MALFORMED_CSV',
  'MALFORMED_XLSX',
  'DUPLICATE_FILE',
  'FILE_REQUIRED',
  'UPLOAD_INCOMPLETE',
  'MALFORMED_MULTIPART',
  'MULTIPART_REQUIRED',
  'RATE_LIMITED',
];

describe('refusalFor', () => {
  it('explains every file-level refusal code of the gateway with its own problem and fix', () => {
    for (const code of GATEWAY_CODES) expect(KNOWN_REFUSAL_CODES).toContain(code);
    const fixes = GATEWAY_CODES.map((code) => refusalFor({ code, status: 422 }).fix);
    // Distinct advice except for the two garbled-upload codes, which share theirs.
    expect(new Set(fixes).size).toBeGreaterThanOrEqual(GATEWAY_CODES.length - 1);
  });

  it('tells how to fix an encoding problem and a missing column', () => {
    expect(refusalFor({ code: 'BAD_ENCODING', status: 422 }).fix).toMatch(/CSV UTF-8/);
    expect(refusalFor({ code: 'MISSING_COLUMNS', status: 422 }).fix).toMatch(/header row/);
  });

  it('falls back on the HTTP status, then on a generic explanation', () => {
    expect(refusalFor({ code: 'WHATEVER', status: 413 }).title).toBe('File too large');
    expect(refusalFor({ code: 'SOMETHING_NEW', status: 422 }).problem).toMatch(/SOMETHING_NEW/);
  });
});

describe(RefusalAlert.name, () => {
  it("shows the explanation, the server's own message, and a link to the batch already uploaded", () => {
    const error = new ApiError(409, 'DUPLICATE_FILE', 'this exact file was already uploaded as batch b-1', {
      existingBatchId: 'b-1',
    });
    render(<RefusalAlert error={error} />);
    expect(screen.getByText('Already uploaded')).toBeTruthy();
    expect(screen.getByText(/DUPLICATE_FILE: this exact file/)).toBeTruthy();
    expect(screen.getByText('Open the existing batch').closest('a')?.getAttribute('href')).toBe(
      '#/batches/b-1',
    );
  });
});
