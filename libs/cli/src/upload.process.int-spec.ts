import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import busboy from 'busboy';
import { REPO_ROOT } from '@contingency/testing';

const CLI = join(REPO_ROOT, 'dist/apps/cli/src/main.js');
const ID = '0f5e2a8c-6d4b-4b71-9a43-2c1d0e9f8a70';

interface Received {
  field: string;
  fileName: string;
  sha256: string;
  bytes: number;
  authorization?: string;
}

/** A stand-in gateway: takes the multipart upload, then reports validation in three steps. */
function stubGateway(received: Received[]): (req: IncomingMessage, res: ServerResponse) => void {
  let polls = 0;
  return (req, res) => {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'POST' && req.url === '/api/v1/batches') {
      const form = busboy({ headers: req.headers });
      form.on('file', (field, stream, info) => {
        const hash = createHash('sha256');
        let bytes = 0;
        stream.on('data', (chunk: Buffer) => {
          hash.update(chunk);
          bytes += chunk.length;
        });
        stream.on('end', () =>
          received.push({
            field,
            fileName: info.filename ?? '',
            sha256: hash.digest('hex'),
            bytes,
            authorization: req.headers.authorization,
          }),
        );
      });
      form.on('close', () => reply(202, { id: ID, status: 'VALIDATING' }));
      req.pipe(form);
      return;
    }
    if (req.method === 'GET' && req.url === `/api/v1/batches/${ID}`) {
      const received = [1000, 400, 0][Math.min(polls++, 2)];
      const status = received === 0 ? 'AWAITING_APPROVAL' : 'VALIDATING';
      reply(200, { id: ID, status, counts: { total: 1000, received, valid: 1000 - received, invalid: 0 } });
      return;
    }
    reply(404, { error: { code: 'NOT_FOUND', message: `${req.method} ${req.url}` } });
  };
}

describe('cli upload (process)', () => {
  const received: Received[] = [];
  let server: Server;
  let url: string;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cli-upload-'));
    server = createServer(stubGateway(received));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('streams the file as multipart field "file", prints the id, progress, and exits 0 once AWAITING_APPROVAL', async () => {
    const content = randomBytes(8 * 1024 * 1024);
    const path = join(dir, 'big-trades.csv');
    writeFileSync(path, content);

    const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
      execFile(
        process.execPath,
        [CLI, 'upload', path, '--interval', '0.05'],
        {
          env: { PATH: process.env.PATH, CONTINGENCY_URL: url, CONTINGENCY_API_KEY: 'mck_upload' },
          timeout: 30_000,
        },
        (error, stdout, stderr) =>
          resolve({ code: error ? (error.code as number | null) : 0, stdout, stderr }),
      ),
    );

    expect(received).toEqual([
      {
        field: 'file',
        fileName: 'big-trades.csv',
        sha256: createHash('sha256').update(content).digest('hex'),
        bytes: content.length,
        authorization: 'Bearer mck_upload',
      },
    ]);
    expect(run).toEqual({
      code: 0,
      stdout: `${ID}\n`,
      stderr: `validated 0/1000\nvalidated 600/1000\nvalidated 1000/1000\nbatch ${ID} AWAITING_APPROVAL: 1000 rows: 1000 valid\n`,
    });
  });
});
