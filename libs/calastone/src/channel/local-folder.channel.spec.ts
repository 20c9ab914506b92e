import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalFolderChannel } from './local-folder.channel';
import { behavesAsCalastoneChannel, orderNames } from './testing/channel-contract';

describe(LocalFolderChannel.name, () => {
  const roots: string[] = [];
  const freshRoot = async () => {
    const root = await mkdtemp(join(tmpdir(), 'calastone-local-'));
    roots.push(root);
    return root;
  };
  afterAll(async () => {
    await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
  });

  behavesAsCalastoneChannel(async () => {
    const root = await freshRoot();
    const [outbox, inbox] = [join(root, 'outbound'), join(root, 'inbound')];
    await Promise.all([mkdir(outbox), mkdir(inbox)]);
    return {
      channel: new LocalFolderChannel({ root, outboundDir: 'outbound', inboundDir: 'inbound' }),
      outbox,
      inbox,
    };
  });

  it('creates its folders on first use', async () => {
    const root = await freshRoot();
    const channel = new LocalFolderChannel({
      root,
      outboundDir: 'calastone/out',
      inboundDir: 'calastone/in',
    });

    expect(await channel.listInbound(10)).toEqual([]);
    const { final, temp } = orderNames();
    await channel.stage(temp, Buffer.from('x'));
    await channel.publish(final, temp);

    expect((await stat(join(root, 'calastone/in'))).isDirectory()).toBe(true);
    expect(await readdir(join(root, 'calastone/out'))).toEqual([final]);
  });

  it('describes itself by its root folder', async () => {
    const root = await freshRoot();

    expect(new LocalFolderChannel({ root, outboundDir: 'o', inboundDir: 'i' }).description).toBe(root);
  });
});
