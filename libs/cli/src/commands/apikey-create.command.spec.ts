import { runCli } from '../run-cli';
import { API, fakeCli, json } from '../testing/fake-deps';
import { apikeyCreateCommand } from './apikey-create.command';

describe(apikeyCreateCommand.name, () => {
  const created = {
    id: '0d6b7a52-3f0e-4a43-9a51-0f4c3b3f2a10',
    name: 'ci',
    principal: 'svc-ci',
    prefix: 'ab12cd34',
    roles: ['operator', 'viewer'],
    key: 'mck_ab12cd34_secret',
  };

  it('POSTs name, roles and principal; only the key goes to stdout', async () => {
    const cli = fakeCli(() => json(201, created));
    const argv = [
      'apikey',
      'create',
      '--name',
      'ci',
      '--roles',
      'operator, Viewer,operator',
      '--principal',
      'svc-ci',
    ];
    expect(await runCli(argv, cli.deps)).toBe(0);
    const [request] = cli.requests;
    expect([request.method, request.url.toString()]).toEqual(['POST', `${API}/api/v1/admin/api-keys`]);
    expect(request.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(request.body as string)).toEqual({
      name: 'ci',
      roles: ['operator', 'viewer'],
      principal: 'svc-ci',
    });
    expect(cli.stdout()).toBe('mck_ab12cd34_secret\n');
    expect(cli.stderr()).toContain('store it now, it is not shown again');
  });

  it('leaves the principal out when not given', async () => {
    const cli = fakeCli(() => json(201, created));
    await runCli(['apikey', 'create', '--name', 'ci', '--roles', 'admin'], cli.deps);
    expect(JSON.parse(cli.requests[0].body as string)).toEqual({ name: 'ci', roles: ['admin'] });
  });

  it.each([
    [['--roles', 'admin'], '--name is required'],
    [['--name', 'ci'], '--roles is required'],
    [
      ['--name', 'ci', '--roles', 'admin,root'],
      'unknown role(s) root: use operator, approver, viewer, sre, admin, downstream',
    ],
  ])('refuses %j as a usage error without calling the API', async (args, message) => {
    const cli = fakeCli();
    expect(await runCli(['apikey', 'create', ...args], cli.deps)).toBe(2);
    expect(cli.stderr()).toContain(`error: ${message}`);
    expect(cli.requests).toEqual([]);
  });
});
