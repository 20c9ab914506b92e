import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { createTestDatabase, REPO_ROOT } from '@contingency/testing';
import { fundMasterCsv } from './fund-master.fixtures';
import { createReferenceTestApp } from './testing/reference-test-app';
import { testPrincipal } from '@contingency/testing';

const CLI = join(REPO_ROOT, 'dist/apps/cli/src/main.js');

/** A port nothing listens on: taken from the OS, then released. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

// The CLI as operators run it: the compiled app in its own process, against a live HTTP server.
describe('cli funds (process)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: INestApplication;
  let url: string;
  let dir: string;

  const cli = (args: string[], apiKey = testPrincipal('ada.admin', 'admin')): Promise<Run> =>
    new Promise((resolve) => {
      execFile(
        process.execPath,
        [CLI, ...args],
        {
          env: { PATH: process.env.PATH, CONTINGENCY_URL: url, CONTINGENCY_API_KEY: apiKey },
          timeout: 20_000,
        },
        (error, stdout, stderr) =>
          resolve({ code: error ? (error.code as number | null) : 0, stdout, stderr }),
      );
    });
  const file = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run bash tools/build.sh first`);
    dir = mkdtempSync(join(tmpdir(), 'cli-funds-'));
    db = await createTestDatabase('cli_funds');
    app = await createReferenceTestApp(db.dataSource);
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('funds import loads a valid file (exit 0) and funds list shows it', async () => {
    const path = file(
      'funds.csv',
      fundMasterCsv([
        { isin: 'LU1294538506' },
        { isin: 'IE00BK6S8N26', primary_route: 'CALASTONE', alternate_route: '' },
      ]),
    );
    const imported = await cli(['funds', 'import', path]);
    expect(imported).toEqual({ code: 0, stdout: `fund master replaced: 2 funds from ${path}\n`, stderr: '' });

    const listed = await cli(['funds', 'list'], testPrincipal('vic.viewer', 'viewer'));
    expect(listed.code).toBe(0);
    expect(listed.stdout.split('\n')).toEqual([
      expect.stringMatching(/^ISIN +PROVIDER +CCY +CUTOFF +TIMEZONE +PRIMARY +ALTERNATE +STATUS +NAME$/),
      expect.stringMatching(
        /^IE00BK6S8N26 +NON_GS +EUR +12:00 +Europe\/Luxembourg +CALASTONE +- +OPEN +Aurelian/,
      ),
      expect.stringMatching(
        /^LU1294538506 +NON_GS +EUR +12:00 +Europe\/Luxembourg +CASIE +CALASTONE +OPEN +Aurelian/,
      ),
      '',
    ]);
  });

  it('funds import of an invalid file lists every row error and exits 1; the master is unchanged', async () => {
    const path = file('bad.csv', fundMasterCsv([{ currency: 'EURO' }, { isin: 'LU1294538505' }]));
    const run = await cli(['funds', 'import', path]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^ROW +COLUMN +CODE +MESSAGE\n1 +currency +CURRENCY_UNKNOWN .+\n2 +isin +ISIN_CHECK_DIGIT .+\n/,
    );
    expect(run.stderr).toMatch(
      /\nerror: INVALID_FUND_MASTER: The fund master has 2 error\(s\).* \(HTTP 422\)\n$/,
    );
    expect((await cli(['funds', 'list', '--json'])).stdout).toContain('"IE00BK6S8N26"');
  });

  it('funds import by a non-admin is the API refusal, exit 1', async () => {
    const run = await cli(
      ['funds', 'import', file('ok.csv', fundMasterCsv([{}]))],
      testPrincipal('olivia', 'operator'),
    );
    expect(run).toMatchObject({
      code: 1,
      stdout: '',
      stderr: expect.stringMatching(/^error: FORBIDDEN: .* \(HTTP 403\)\n$/),
    });
  });

  it('a usage error exits 2 with one line on stderr, without calling the API', async () => {
    const run = await cli(['funds', 'import']);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: funds import needs FILE (see "cli funds import --help")\n',
    });
  });

  it('an unreachable service exits 1 naming it', async () => {
    const saved = url;
    url = `http://127.0.0.1:${await closedPort()}`;
    try {
      const run = await cli(['funds', 'list']);
      expect(run).toMatchObject({
        code: 1,
        stderr: expect.stringMatching(/^error: cannot reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/),
      });
    } finally {
      url = saved;
    }
  });
});
