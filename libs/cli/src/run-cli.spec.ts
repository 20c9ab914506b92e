import { COMMANDS } from './commands';
import { runCli } from './run-cli';
import { API, apiError, fakeCli } from './testing/fake-deps';

describe(runCli.name, () => {
  describe('help', () => {
    it('lists every command on stdout for --help, exit 0', async () => {
      const cli = fakeCli();
      expect(await runCli(['--help'], cli.deps)).toBe(0);
      for (const command of COMMANDS) expect(cli.stdout()).toContain(`cli ${command.name}`);
      expect(cli.stdout()).toContain('CONTINGENCY_API_KEY');
      expect(cli.requests).toEqual([]);
    });

    it('lists the commands on stderr with exit 2 when no command is given', async () => {
      const cli = fakeCli();
      expect(await runCli([], cli.deps)).toBe(2);
      expect(cli.stderr()).toContain('Usage: cli <command>');
      expect(cli.stdout()).toBe('');
    });

    it.each(COMMANDS.map((c) => [c.name]))(
      '"%s --help" explains the command and calls nothing',
      async (name) => {
        const cli = fakeCli();
        expect(await runCli([...name.split(' '), '--help'], cli.deps)).toBe(0);
        expect(cli.stdout()).toMatch(new RegExp(`^Usage: cli ${name}`));
        expect(cli.stdout()).toContain('--help');
        expect(cli.requests).toEqual([]);
      },
    );

    it('lists a group\'s commands for "batch --help" (exit 0) and for "batch" alone (exit 2)', async () => {
      const help = fakeCli();
      expect(await runCli(['batch', '--help'], help.deps)).toBe(0);
      expect(help.stdout()).toContain('cli batch approve ID');
      expect(help.stdout()).not.toContain('funds import');

      const bare = fakeCli();
      expect(await runCli(['batch'], bare.deps)).toBe(2);
      expect(bare.stderr()).toContain('cli batch show ID');
    });
  });

  describe('usage errors: one line on stderr, exit 2, nothing sent', () => {
    it.each([
      [['deploy'], 'error: unknown command "deploy" (see "cli --help")'],
      [['batch', 'delete', 'x'], 'error: unknown command "batch delete" (see "cli batch --help")'],
      [['funds', 'import'], 'error: funds import needs FILE (see "cli funds import --help")'],
      [['funds', 'import', 'a.csv', 'b.csv'], 'error: funds import takes FILE, got "a.csv b.csv"'],
      [['funds', 'list', 'extra'], 'error: funds list takes no arguments, got "extra"'],
      [['batch', 'show', 'x', '--verbose'], "error: Unknown option '--verbose'"],
      [['batch', 'approve', 'x', '--comment'], "error: Option '--comment <value>' argument missing"],
      [
        ['upload', 'f.csv', '--interval', 'soon'],
        'error: --interval "soon" is not a positive number of seconds',
      ],
    ])('%j', async (argv, message) => {
      const cli = fakeCli();
      expect(await runCli(argv, cli.deps)).toBe(2);
      expect(cli.stderr()).toContain(message);
      expect(cli.stderr().trim().split('\n')).toHaveLength(1);
      expect(cli.requests).toEqual([]);
    });

    it('a missing CONTINGENCY_API_KEY', async () => {
      const cli = fakeCli();
      cli.deps.env = { CONTINGENCY_URL: API };
      expect(await runCli(['funds', 'list'], cli.deps)).toBe(2);
      expect(cli.stderr()).toMatch(/^error: CONTINGENCY_API_KEY is not set/);
    });

    it('a CONTINGENCY_URL that is not http(s)', async () => {
      const cli = fakeCli();
      cli.deps.env = { CONTINGENCY_URL: 'gateway:8080', CONTINGENCY_API_KEY: 'k' };
      expect(await runCli(['funds', 'list'], cli.deps)).toBe(2);
      expect(cli.stderr()).toMatch(/^error: CONTINGENCY_URL "gateway:8080" is not an http\(s\) URL/);
    });
  });

  describe('failures: one line on stderr, exit 1', () => {
    it('an API error prints its code, message and status', async () => {
      const cli = fakeCli(() => apiError(403, 'FORBIDDEN', 'olivia may not do this (needs admin)'));
      expect(await runCli(['funds', 'list'], cli.deps)).toBe(1);
      expect(cli.stderr()).toBe('error: FORBIDDEN: olivia may not do this (needs admin) (HTTP 403)\n');
    });

    it('an answer that is not our API (a proxy page) shows the status and the start of the body', async () => {
      const cli = fakeCli(() => new Response('<html> Bad  gateway </html>', { status: 502 }));
      expect(await runCli(['batch', 'show', 'x'], cli.deps)).toBe(1);
      expect(cli.stderr()).toBe('error: HTTP_502: <html> Bad gateway </html> (HTTP 502)\n');
    });

    it('an unreachable service', async () => {
      const cli = fakeCli(() => {
        throw new TypeError('fetch failed', {
          cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }),
        });
      });
      expect(await runCli(['funds', 'list'], cli.deps)).toBe(1);
      expect(cli.stderr()).toBe(
        `error: cannot reach ${API} (ECONNREFUSED): is the service up, and is CONTINGENCY_URL right?\n`,
      );
    });

    it('an answer of the wrong shape', async () => {
      const cli = fakeCli(() => new Response('{"items": "nope"}', { status: 200 }));
      expect(await runCli(['funds', 'list'], cli.deps)).toBe(1);
      expect(cli.stderr()).toMatch(/^error: unexpected answer from GET \/reference\/funds/);
    });
  });

  it('sends the API key as a Bearer token to CONTINGENCY_URL/api/v1, ignoring a trailing slash', async () => {
    const cli = fakeCli(() => new Response('{"items":[]}'));
    cli.deps.env = { CONTINGENCY_URL: `${API}/`, CONTINGENCY_API_KEY: ' mck_abc ' };
    expect(await runCli(['funds', 'list'], cli.deps)).toBe(0);
    expect(cli.requests[0].url.toString()).toBe(`${API}/api/v1/reference/funds`);
    expect(cli.requests[0].headers.get('authorization')).toBe('Bearer mck_abc');
  });

  it('defaults to http://localhost:8080', async () => {
    const cli = fakeCli(() => new Response('{"items":[]}'));
    cli.deps.env = { CONTINGENCY_API_KEY: 'k' };
    await runCli(['funds', 'list'], cli.deps);
    expect(cli.requests[0].url.origin).toBe('http://localhost:8080');
  });
});
