import 'reflect-metadata';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createLedgerDataSource, FundMaster, LedgerModule } from '@contingency/ledger';
import { MessagingModule, MessagingRuntime } from '@contingency/messaging';
import { ObservabilityModule } from '@contingency/observability';
import { createTestDatabase, testPrincipal } from '@contingency/testing';
import { ValidationModule } from '@contingency/validation';
import { startBatchesTestApp } from '../../libs/gateway/src/batches/testing/batches-test-app';
import { HEADER, runTag, tradeCsv } from '../../libs/gateway/src/batches/testing/trade-file.samples';
import { uploadFile } from '../../libs/gateway/src/batches/testing/upload-client';
import type { Benchmark, BenchResult } from './bench.types';

const ROWS = Number(process.env.BENCH_UPLOAD_ROWS ?? 100_000);
const BIG_BYTES = Number(process.env.BENCH_UPLOAD_BIG_MB ?? 500) * 1_000_000;
// A 500 MB file near the default 1,000,000-row limit has rows of about 500 bytes: a long comment.
const BIG_ROW_COMMENT = 'x'.repeat(400);
const OPERATOR = testPrincipal('bench-operator', 'operator');
// The big upload runs with V8's default heap sizing (which, on a large host, lets garbage pile up), and
// with the old space capped as a container's memory limit would (BENCH_UPLOAD_HEAP_MB, 0 to skip).
const HEAP_CAP_MB = Number(process.env.BENCH_UPLOAD_HEAP_MB ?? 192);
const HEAP_VARIANTS: string[][] = [[], ...(HEAP_CAP_MB > 0 ? [[`--max-old-space-size=${HEAP_CAP_MB}`]] : [])];

// The validation pipeline behind the upload: Kafka when there is a broker, else the embedded bus.
const BUS = process.env.BENCH_UPLOAD_BUS ?? (process.env.KAFKA_BROKERS ? 'kafka' : 'embedded');

interface Child {
  /** What the child printed after "ready ". */
  ready: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** This file in a process of its own (the server, so that its memory is the server's alone; the pipeline). */
async function startChild(
  role: 'server' | 'pipeline',
  env: Record<string, string>,
  nodeFlags: readonly string[] = [],
): Promise<Child> {
  const child = spawn(process.execPath, [...nodeFlags, __filename], {
    env: { ...process.env, ...env, UPLOAD_BENCH_ROLE: role },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the upload bench ${role} exited with ${code}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = /^ready (.*)$/.exec(line);
      if (match) resolve(match[1]);
    });
  });
  return {
    ready,
    child,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function awaitStatus(api: string, batchId: string, status: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(`${api}/batches/${batchId}`, { headers: { 'x-test-principal': OPERATOR } });
    const batch = (await res.json()) as { status: string; counts: { received: number } };
    if (batch.status === status) return;
    if (Date.now() > deadline) {
      throw new Error(`batch ${batchId} still ${batch.status} (${batch.counts.received} RECEIVED)`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Peak and current resident set of a process, in MB (Linux). */
async function memoryOf(pid: number): Promise<{ peakMb: number; rssMb: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { peakMb: kb('VmHWM') / 1024, rssMb: kb('VmRSS') / 1024 };
}

/** `COPY ... FROM STDIN` of the same bytes into a plain table, through psql, timed end to end. */
async function copySeconds(url: string, csv: Buffer): Promise<number> {
  const table = `bench_copy_${runTag()}`;
  const columns = HEADER.split(',').map((c) => `${c} text`);
  execFileSync('psql', [
    url,
    '-q',
    '-v',
    'ON_ERROR_STOP=1',
    '-c',
    `CREATE TABLE ${table} (${columns.join(', ')})`,
  ]);
  const started = process.hrtime.bigint();
  const psql = spawn(
    'psql',
    [url, '-v', 'ON_ERROR_STOP=1', '-q', '-c', `\\copy ${table} FROM pstdin WITH (FORMAT csv, HEADER true)`],
    { stdio: ['pipe', 'ignore', 'inherit'] },
  );
  psql.stdin.end(csv);
  const code = await new Promise<number | null>((resolve) => psql.once('exit', resolve));
  if (code !== 0) throw new Error(`psql \\copy exited with ${code}`);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

async function* bigCsv(bytes: number, tag: string): AsyncGenerator<Buffer> {
  let sent = 0;
  let text = `${HEADER}\r\n`;
  for (let i = 1; sent < bytes; i++) {
    text += `${tag}-${i},SUBSCRIPTION,IE00B4L5Y983,ACC-${i % 997},${1000 + (i % 5000)}.50,EUR,,2030-01-07,,${BIG_ROW_COMMENT}\r\n`;
    if (text.length >= 256 * 1024) {
      yield Buffer.from(text, 'utf8');
      sent += text.length;
      text = '';
      await Promise.resolve();
    }
  }
  if (text !== '') yield Buffer.from(text, 'utf8');
}

const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;
const progress = (line: string) => console.error(`  upload bench: ${line}`);

/** (a) A ROWS-row CSV to the 202 and to AWAITING_APPROVAL, against COPY of the same bytes. */
async function ingestAgainstCopy(dbUrl: string, dataDir: string): Promise<BenchResult[]> {
  const server = await startChild('server', serverEnv(dbUrl, dataDir));
  const pipeline = await startChild('pipeline', { DATABASE_URL: dbUrl, BENCH_UPLOAD_BUS: BUS });
  const csv = Buffer.from(tradeCsv(ROWS, runTag()), 'utf8');
  let uploadS: number;
  let validatedS: number;
  let approval: { seconds: number; released: number };
  try {
    const started = process.hrtime.bigint();
    const res = await uploadFile(server.ready, OPERATOR, { name: 'bench.csv', bytes: csv });
    uploadS = seconds(started);
    if (res.status !== 202) throw new Error(`upload answered ${res.status}: ${JSON.stringify(res.body)}`);
    progress(`${ROWS} rows recorded in ${uploadS.toFixed(2)} s; validating over ${BUS}`);
    await awaitStatus(server.ready, (res.body as { id: string }).id, 'AWAITING_APPROVAL', 60 * 60_000);
    validatedS = seconds(started);
    approval = await approve(server.ready, (res.body as { id: string }).id);
  } finally {
    await pipeline.stop();
    await server.stop();
  }
  const copyS = await copySeconds(dbUrl, csv);
  progress(`AWAITING_APPROVAL after ${validatedS.toFixed(2)} s; COPY ${copyS.toFixed(2)} s`);
  const baseline = { tool: 'psql \\copy into a plain table', value: ROWS / copyS, unit: 'rows/s' };
  return [
    {
      benchmark: 'upload',
      case: `${ROWS} rows (${(csv.length / 1e6).toFixed(1)} MB) to 202: rows in the ledger`,
      value: ROWS / uploadS,
      unit: 'rows/s',
      baseline,
      ratio: uploadS / copyS,
      notes: `upload ${uploadS.toFixed(2)} s, COPY ${copyS.toFixed(2)} s; per row the upload writes a trade, its history row and its trades.received.v1 outbox message, in one transaction`,
    },
    {
      benchmark: 'upload',
      case: `${ROWS} rows to AWAITING_APPROVAL (validated over ${BUS === 'kafka' ? 'Kafka' : 'the embedded bus'})`,
      value: ROWS / validatedS,
      unit: 'rows/s',
      baseline,
      ratio: validatedS / copyS,
      notes: `${validatedS.toFixed(2)} s from upload start; the relay and the validation-service consumer in one other process`,
    },
    {
      benchmark: 'upload',
      case: `approve: ${approval.released} trades released, one order each`,
      value: approval.released / approval.seconds,
      unit: 'trades/s',
      notes: `${approval.seconds.toFixed(2)} s for POST /batches/{id}/approve (one transaction, set-based in chunks of 2,000)`,
    },
  ];
}

async function approve(api: string, batchId: string): Promise<{ seconds: number; released: number }> {
  const started = process.hrtime.bigint();
  const res = await fetch(`${api}/batches/${batchId}/approve`, {
    method: 'POST',
    headers: { 'x-test-principal': testPrincipal('bench-approver', 'approver') },
  });
  const elapsed = seconds(started);
  const batch = (await res.json()) as { status: string; counts: { released: number } };
  if (res.status !== 200) throw new Error(`approve answered ${res.status}: ${JSON.stringify(batch)}`);
  return { seconds: elapsed, released: batch.counts.released };
}

/** (b) Peak RSS of a fresh server process while it ingests a BIG_BYTES file, with the given V8 flags. */
async function peakRss(dbUrl: string, dataDir: string, nodeFlags: string[]): Promise<BenchResult> {
  const server = await startChild('server', serverEnv(dbUrl, dataDir), nodeFlags);
  try {
    const pid = server.child.pid!;
    const before = await memoryOf(pid);
    let sampledMb = 0;
    const sampler = setInterval(() => {
      memoryOf(pid).then(
        (m) => (sampledMb = Math.max(sampledMb, m.rssMb)),
        () => undefined,
      );
    }, 200);
    const started = process.hrtime.bigint();
    const res = await uploadFile(server.ready, OPERATOR, {
      name: 'big.csv',
      bytes: bigCsv(BIG_BYTES, runTag()),
    }).finally(() => clearInterval(sampler));
    const uploadS = seconds(started);
    if (res.status !== 202) throw new Error(`big upload answered ${res.status}: ${JSON.stringify(res.body)}`);
    const after = await memoryOf(pid);
    const flags = nodeFlags.join(' ') || 'default V8 heap';
    progress(
      `${BIG_BYTES / 1e6} MB in ${uploadS.toFixed(0)} s, peak RSS ${after.peakMb.toFixed(0)} MB (${flags})`,
    );
    return {
      benchmark: 'upload',
      case: `peak RSS of the server ingesting ${BIG_BYTES / 1e6} MB (${flags})`,
      value: after.peakMb,
      unit: 'MB',
      notes: `VmHWM ${before.peakMb.toFixed(0)} MB at start; ${uploadS.toFixed(0)} s, ${(BIG_BYTES / 1e6 / uploadS).toFixed(1)} MB/s; highest sampled VmRSS ${sampledMb.toFixed(0)} MB`,
    };
  } finally {
    await server.stop();
  }
}

const serverEnv = (dbUrl: string, dataDir: string) => ({
  DATABASE_URL: dbUrl,
  DATA_DIR: dataDir,
  UPLOAD_MAX_BYTES: String(BIG_BYTES + 10_000_000),
  UPLOAD_MAX_ROWS: String(2_000_000),
});

export const uploadBenchmark: Benchmark = {
  name: 'upload',
  description:
    `POST /api/v1/batches of a ${ROWS}-row CSV to the 202 and to AWAITING_APPROVAL, against psql \\copy ` +
    `of the same rows; peak RSS of the server ingesting a ${BIG_BYTES / 1e6} MB file`,
  async run(): Promise<BenchResult[]> {
    const db = await createTestDatabase('bench_upload');
    const dataDir = await mkdtemp(join(tmpdir(), 'mc-bench-uploads-'));
    try {
      await db.dataSource.transaction((tx) => new FundMaster().replaceAll(tx, [BENCH_FUND]));
      const results = await ingestAgainstCopy(db.url, dataDir);
      for (const flags of HEAP_VARIANTS) results.push(await peakRss(db.url, dataDir, flags));
      return results;
    } finally {
      await db.drop();
      await rm(dataDir, { recursive: true, force: true });
    }
  },
};

/** The child's side: the batches module over the bench database, until SIGTERM. */
async function serve(): Promise<void> {
  const dataSource = createLedgerDataSource({ url: process.env.DATABASE_URL!, poolSize: 5 });
  await dataSource.initialize();
  const server = await startBatchesTestApp(
    dataSource,
    {
      dataDir: process.env.DATA_DIR!,
      maxBytes: Number(process.env.UPLOAD_MAX_BYTES),
      maxRows: Number(process.env.UPLOAD_MAX_ROWS),
    },
    { logLevel: 'warn' },
  );
  process.once('SIGTERM', () => {
    void server
      .close()
      .then(() => dataSource.destroy())
      .finally(() => process.exit(0));
  });
  console.log(`ready ${server.api}`);
}

const BENCH_FUND = {
  isin: 'IE00B4L5Y983',
  name: 'Bench Liquidity Fund',
  provider: 'GS',
  currency: 'EUR',
  cutoffTime: '23:59',
  timezone: 'UTC',
  primaryRoute: 'CASIE',
  alternateRoute: null,
  status: 'OPEN',
} as const;

@Module({})
class PipelineModule {}

/** The other child: the outbox relay and the validation service's consumer, as the services run them. */
async function pipeline(): Promise<void> {
  const dataSource = createLedgerDataSource({ url: process.env.DATABASE_URL!, poolSize: 5 });
  await dataSource.initialize();
  const app = await NestFactory.createApplicationContext(
    {
      module: PipelineModule,
      imports: [
        ObservabilityModule.forRoot({ service: 'validation-service', logLevel: 'warn', logFormat: 'json' }),
        LedgerModule.forDataSource(dataSource),
        MessagingModule.forRoot({
          bus: process.env.BENCH_UPLOAD_BUS === 'kafka' ? 'kafka' : 'embedded',
          brokers: process.env.KAFKA_BROKERS?.split(','),
          clientId: 'bench-upload',
          // Its own group, from the end of the shared topics: only this run's messages.
          groupPrefix: `bench-upload-${runTag()}.`,
          startFrom: 'latest',
          consumers: true,
          relay: true,
        }),
        ValidationModule,
      ],
    },
    { logger: false },
  );
  await app.init();
  await app.get(MessagingRuntime).ready();
  process.once('SIGTERM', () => {
    void app
      .close()
      .then(() => dataSource.destroy())
      .finally(() => process.exit(0));
  });
  console.log('ready pipeline');
}

if (require.main === module) {
  if (process.env.UPLOAD_BENCH_ROLE === 'server') void serve();
  if (process.env.UPLOAD_BENCH_ROLE === 'pipeline') void pipeline();
}
