import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createTestDatabase, testPrincipal } from '@contingency/testing';
import { BatchUpload } from './batch-upload.service';
import { startBatchesTestApp, type BatchesTestApp } from './testing/batches-test-app';
import { tradeCsv } from './testing/trade-file.samples';
import { postStream, uploadFile, type UploadResponse } from './testing/upload-client';

const OPERATOR = testPrincipal('ops-names', 'operator');

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)));
}

// The client's file name is shown, never used as a path: whatever it says, the file lands in
// <dataDir>/uploads/<sha256> and nowhere else.
describe(`${BatchUpload.name}: client file names`, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let root: string;
  let dataDir: string;
  let server: BatchesTestApp;

  beforeAll(async () => {
    db = await createTestDatabase('upload_names');
    // dataDir two levels down, so that '../../x' from it would still land inside `root`, where we look.
    root = await mkdtemp(join(tmpdir(), 'mc-names-'));
    dataDir = join(root, 'a', 'b');
    server = await startBatchesTestApp(db.dataSource, { dataDir });
  });

  afterAll(async () => {
    await server?.close();
    await db?.drop();
    await rm(root, { recursive: true, force: true });
  });

  /** A multipart upload whose Content-Disposition is exactly `disposition` (after form-data; name="file"). */
  function uploadWith(disposition: string, csv: string) {
    const boundary = `----names${randomBytes(8).toString('hex')}`;
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; ${disposition}\r\n`,
        'latin1',
      ),
      Buffer.from(`Content-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`),
    ]);
    return postStream(`${server.api}/batches`, OPERATOR, `multipart/form-data; boundary=${boundary}`, [body]);
  }

  async function expectStoredAs(res: UploadResponse, csv: string, shown: string): Promise<void> {
    const sha256 = createHash('sha256').update(csv).digest('hex');
    expect([res.status, res.body]).toEqual([202, expect.objectContaining({ status: 'VALIDATING' })]);
    const [batch] = await db.dataSource.query(`SELECT file_name, sha256 FROM batches WHERE id = $1`, [
      res.body.id,
    ]);
    expect(batch).toEqual({ file_name: shown, sha256 });
    const files = await filesUnder(root);
    expect(files).toContain(join('a', 'b', 'uploads', sha256));
    expect(files.filter((f) => !/^a\/b\/uploads\/[0-9a-f]{64}$/.test(f))).toEqual([]);
  }

  it.each([
    ['../../etc/passwd', 'passwd'],
    ['../../escaped.csv', 'escaped.csv'],
    ['..\\..\\windows\\win.ini', 'win.ini'],
    ['/etc/cron.d/evil.csv', 'evil.csv'],
    ['back\\slash.csv', 'slash.csv'],
    ['..', 'upload'],
  ])('filename=%j is stored by its hash and shown as %j', async (name, shown) => {
    const csv = tradeCsv(2);
    await expectStoredAs(await uploadFile(server.api, OPERATOR, { name, bytes: csv }), csv, shown);
  });

  // filename* (RFC 5987) carries any byte percent-encoded: NUL and separators reach the gateway intact.
  it.each([
    ["UTF-8''nul%00byte.csv", 'nulbyte.csv'],
    ["UTF-8''trades.csv%00.exe", 'trades.csv.exe'],
    ["UTF-8''..%2F..%2F..%2Fescaped.csv", 'escaped.csv'],
    ["UTF-8''..%5C..%5Cwin.ini", 'win.ini'],
    ["UTF-8''%2E%2E%2F%00", 'upload'],
  ])('filename*=%s is stored by its hash and shown as %j', async (encoded, shown) => {
    const csv = tradeCsv(2);
    await expectStoredAs(await uploadWith(`filename*=${encoded}`, csv), csv, shown);
  });

  it.each([
    ['a raw NUL in the part header', 'filename="nul\u0000byte.csv"', 'MALFORMED_MULTIPART'],
    ['a backslash that swallows the closing quote', 'filename="..\\"', 'FILE_REQUIRED'],
  ])('refuses %s with 400 and stores nothing', async (_what, disposition, code) => {
    const before = await filesUnder(root);

    const res = await uploadWith(disposition, tradeCsv(2));

    expect([res.status, res.body.error.code]).toEqual([400, code]);
    expect(await filesUnder(root)).toEqual(before);
  });
});
