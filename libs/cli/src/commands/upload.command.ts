import { basename } from 'node:path';
import { ApiClient } from '../api-client';
import { BatchAnswer, UploadAnswer } from '../api-schemas';
import { CliError, EXIT_FAILURE, EXIT_OK, UsageError } from '../cli.error';
import type { CliDeps } from '../cli-deps';
import { stringOption, type Command, type OptionValues } from '../command';
import { countsLine, validatedOf } from '../format/batch-summary';
import { localFile } from '../local-file';

const NAME = 'upload';

export const uploadCommand: Command = {
  name: NAME,
  args: ['FILE'],
  summary: 'Upload a trade file (CSV or XLSX), then wait for its validation',
  details: [
    'Prints the batch id on stdout (BATCH=$(... upload f.csv)), then progress lines on stderr until the',
    'batch leaves VALIDATING. Exit 0 when it is AWAITING_APPROVAL, 1 when FAILED or REJECTED.',
    'The file is streamed from disk, never read whole into memory.',
  ],
  options: {
    'no-wait': { type: 'boolean', description: 'print the batch id and exit without waiting' },
    interval: {
      type: 'string',
      valueName: 'SECONDS',
      description: 'time between progress checks (default 1)',
    },
    timeout: {
      type: 'string',
      valueName: 'SECONDS',
      description: 'give up waiting after this long (default 3600)',
    },
  },
  async run({ args: [file], options, deps }) {
    const interval = seconds(options, 'interval', 1);
    const timeout = seconds(options, 'timeout', 3600);
    const api = ApiClient.fromEnv(deps);
    const blob = await localFile(file, deps.openAsBlob);
    const form = new FormData();
    form.append('file', blob, basename(file));
    const accepted = await api.json('POST', '/batches', UploadAnswer, { body: form });
    deps.stdout(`${accepted.id}\n`);
    if (options['no-wait']) return EXIT_OK;
    return waitForValidation(api, accepted.id, deps, {
      intervalMs: interval * 1000,
      timeoutMs: timeout * 1000,
    });
  },
};

async function waitForValidation(
  api: ApiClient,
  id: string,
  deps: CliDeps,
  { intervalMs, timeoutMs }: { intervalMs: number; timeoutMs: number },
): Promise<number> {
  let waited = 0;
  let shown = '';
  for (;;) {
    const batch = await api.json('GET', `/batches/${encodeURIComponent(id)}`, BatchAnswer);
    const { done, total } = validatedOf(batch.counts);
    const progress = `validated ${done}/${total}`;
    if (progress !== shown) deps.stderr(`${progress}\n`);
    shown = progress;
    if (batch.status !== 'VALIDATING') return finished(batch, deps);
    if (waited >= timeoutMs) {
      throw new CliError(
        `batch ${id} is still VALIDATING after ${timeoutMs / 1000} s (${progress}); check it later with "batch show ${id}"`,
      );
    }
    await deps.sleep(intervalMs);
    waited += intervalMs;
  }
}

function finished(batch: BatchAnswer, deps: CliDeps): number {
  const counts = batch.counts ? `: ${countsLine(batch.counts)}` : '';
  if (batch.status === 'FAILED') {
    const why = batch.failure ? `: ${batch.failure.code}: ${batch.failure.message}` : '';
    deps.stderr(`batch ${batch.id} FAILED${why}\n`);
    return EXIT_FAILURE;
  }
  deps.stderr(`batch ${batch.id} ${batch.status}${counts}\n`);
  if ((batch.counts?.invalid ?? 0) > 0) deps.stderr(`row errors: batch errors ${batch.id}\n`);
  return batch.status === 'REJECTED' ? EXIT_FAILURE : EXIT_OK;
}

function seconds(options: OptionValues, name: string, fallback: number): number {
  const raw = stringOption(options, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || value <= 0) {
    throw new UsageError(`--${name} ${JSON.stringify(raw)} is not a positive number of seconds`, NAME);
  }
  return value;
}
