import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSshKey, type SftpServer, startSftpServer } from '@contingency/testing';
import { SftpChannel, type SftpChannelOptions } from './sftp.channel';
import { behavesAsCalastoneChannel, channelError, dropInbound, orderNames } from './testing/channel-contract';

const FIVE_MB = 5 * 1024 * 1024;

describe(SftpChannel.name, () => {
  let server: SftpServer;
  let scratch: string;
  let folders = 0;
  const channels: SftpChannel[] = [];

  beforeAll(async () => {
    [server, scratch] = await Promise.all([startSftpServer(), mkdtemp(join(tmpdir(), 'calastone-sftp-'))]);
  });
  afterEach(async () => {
    await Promise.all(channels.splice(0).map((channel) => channel.close()));
  });
  afterAll(async () => {
    await server?.stop();
    await rm(scratch, { recursive: true, force: true });
  });

  /** Fresh outbox and inbox folders under the served root (Calastone's folders exist before we connect). */
  async function mailbox(on: SftpServer = server) {
    const id = `mailbox-${++folders}`;
    const [outboundDir, inboundDir] = [`${id}/outbound`, `${id}/inbound`];
    const [outbox, inbox] = [join(on.root, outboundDir), join(on.root, inboundDir)];
    await Promise.all([mkdir(outbox, { recursive: true }), mkdir(inbox, { recursive: true })]);
    return { outboundDir, inboundDir, outbox, inbox };
  }

  function channelTo(
    on: SftpServer,
    folders: { outboundDir: string; inboundDir: string },
    overrides: Partial<SftpChannelOptions> = {},
  ): SftpChannel {
    const channel = new SftpChannel({ ...on.config, ...folders, ...overrides });
    channels.push(channel);
    return channel;
  }

  const logins = (on: SftpServer) => on.logs().split('Accepted publickey').length - 1;

  describe('against a real OpenSSH server', () => {
    behavesAsCalastoneChannel(async () => {
      const folders = await mailbox();
      return {
        channel: new SftpChannel({ ...server.config, ...folders }),
        outbox: folders.outbox,
        inbox: folders.inbox,
      };
    });
  });

  it('describes itself without any secret', () => {
    const channel = new SftpChannel({ ...server.config, outboundDir: 'o', inboundDir: 'i' });

    expect(channel.description).toBe(`sftp://${server.username}@127.0.0.1:${server.port}`);
  });

  it('logs in once and reuses the connection for every call', async () => {
    const folders = await mailbox();
    const channel = channelTo(server, folders);
    const before = logins(server);

    const { final, temp } = orderNames();
    await channel.stage(temp, Buffer.from('<Document/>'));
    await channel.publish(final, temp);
    await Promise.all([channel.presentInOutbox([final]), channel.listInbound(10), channel.listInbound(10)]);

    expect(logins(server) - before).toBe(1);
  });

  it('refuses a server whose host key is not the pinned one: HOST_KEY_MISMATCH, nothing written', async () => {
    const folders = await mailbox();
    const impostor = await generateSshKey(join(scratch, 'other-host-key'));
    const channel = channelTo(server, folders, { hostKeyFingerprint: impostor.fingerprint });
    const before = logins(server);

    const { temp } = orderNames();
    const error = await channelError(channel.stage(temp, Buffer.from('<Document/>')));

    expect(error.code).toBe('HOST_KEY_MISMATCH');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain(server.hostKeyFingerprint);
    expect(await readdir(folders.outbox)).toEqual([]);
    expect(logins(server)).toBe(before);
  });

  it('reports AUTHENTICATION_FAILED for a key the server does not know, and never shows the key', async () => {
    const folders = await mailbox();
    const stranger = await generateSshKey(join(scratch, 'unknown-client-key'));
    const channel = channelTo(server, folders, { privateKeyFile: stranger.privateKeyFile });

    const error = await channelError(channel.listInbound(10));

    expect(error.code).toBe('AUTHENTICATION_FAILED');
    expect(error.retryable).toBe(false);
    const keyBody = (await readFile(stranger.privateKeyFile, 'utf8')).split('\n')[1];
    expect(`${error.message} ${error.stack} ${JSON.stringify(error)}`).not.toContain(keyBody);
  });

  it('reports FAILED, not retryable, when the private key file cannot be read', async () => {
    const channel = channelTo(server, await mailbox(), { privateKeyFile: join(scratch, 'no-such-key') });

    const error = await channelError(channel.listInbound(10));

    expect(error.code).toBe('FAILED');
    expect(error.message).toContain('no-such-key');
  });

  it('reports UNAVAILABLE, retryable, when nothing listens on the port', async () => {
    const channel = channelTo(server, await mailbox(), { port: await closedPort() });

    const error = await channelError(channel.listInbound(10));

    expect(error.code).toBe('UNAVAILABLE');
    expect(error.retryable).toBe(true);
  });

  it('reports FAILED when the outbox folder does not exist on the server', async () => {
    const channel = channelTo(server, { outboundDir: 'no-such-folder', inboundDir: 'no-such-folder' });

    const error = await channelError(channel.stage(orderNames().temp, Buffer.from('x')));

    expect(error.code).toBe('FAILED');
    expect(error.message).toContain(channel.description);
    expect(error.message).toContain("outbox 'no-such-folder'");
    expect(error.message).toContain('CALASTONE_OUTBOUND_DIR');
  });

  it('reads a 5 MB document whole', async () => {
    const folders = await mailbox();
    const content = randomBytes(FIVE_MB);
    await writeFile(join(folders.inbox, 'large.xml'), content);

    const read = await channelTo(server, folders).readInbound('large.xml', FIVE_MB);

    expect(read.equals(content)).toBe(true);
  });

  it('refuses a 5 MB document over the limit without reading it', async () => {
    const folders = await mailbox();
    await writeFile(join(folders.inbox, 'large.xml'), randomBytes(FIVE_MB));

    const error = await channelError(channelTo(server, folders).readInbound('large.xml', FIVE_MB - 1));

    expect(error.code).toBe('TOO_LARGE');
  });

  it('uploads a 5 MB order whose final name appears only when it is whole', async () => {
    const folders = await mailbox();
    const channel = channelTo(server, folders);
    const { final, temp } = orderNames();
    const content = randomBytes(FIVE_MB);
    const seen = new Set<string>();
    let uploading = true;
    const watching = (async () => {
      while (uploading) for (const name of await readdir(folders.outbox)) seen.add(name);
    })();

    await channel.stage(temp, content);
    uploading = false;
    await watching;

    expect(seen.has(final)).toBe(false);
    expect(seen.has(temp)).toBe(true);
    await expect(channel.publish(final, temp)).resolves.toBe('written');
    expect((await readFile(join(folders.outbox, final))).equals(content)).toBe(true);
    expect(await readdir(folders.outbox)).toEqual([final]);
  });

  describe('when the server goes away', () => {
    let own: SftpServer;
    beforeEach(async () => {
      own = await startSftpServer();
    });
    afterEach(async () => {
      own.resume();
      await own.stop();
    });

    it('fails an upload cut by a crash as UNAVAILABLE, and the same channel delivers after a restart', async () => {
      const folders = await mailbox(own);
      const channel = channelTo(own, folders);
      await channel.listInbound(1); // Connected.
      const { final, temp } = orderNames();

      const upload = channel.stage(temp, randomBytes(FIVE_MB));
      await own.kill();
      const cut = await channelError(upload);
      const refused = await channelError(channel.publish(final, temp));

      expect([cut.code, cut.retryable]).toEqual(['UNAVAILABLE', true]);
      expect([refused.code, refused.retryable]).toEqual(['UNAVAILABLE', true]);
      expect(await readdir(folders.outbox)).not.toContain(final);

      await own.restart();
      await channel.stage(temp, Buffer.from('<Document>after the restart</Document>'));
      await expect(channel.publish(final, temp)).resolves.toBe('written');
      expect(await readFile(join(folders.outbox, final), 'utf8')).toBe(
        '<Document>after the restart</Document>',
      );
    });

    it('gives up on a call the server stops answering within the operation timeout, then reconnects', async () => {
      const folders = await mailbox(own);
      const channel = channelTo(own, folders, { operationTimeoutMs: 300 });
      await dropInbound(folders.inbox, 'status.xml', '<Document/>');
      await channel.listInbound(1); // Connected.

      own.pause();
      const started = Date.now();
      const error = await channelError(channel.listInbound(10));
      const waited = Date.now() - started;
      own.resume();

      expect(error.code).toBe('UNAVAILABLE');
      expect(waited).toBeGreaterThanOrEqual(250);
      expect(waited).toBeLessThan(2_000);
      expect((await channel.listInbound(10)).map((file) => file.name)).toEqual(['status.xml']);
    });

    it('gives up connecting to a server that does not answer after the ready timeout', async () => {
      const channel = channelTo(own, await mailbox(own), { readyTimeoutMs: 300 });

      own.pause();
      const started = Date.now();
      const error = await channelError(channel.listInbound(10));
      const waited = Date.now() - started;

      expect(error.code).toBe('UNAVAILABLE');
      expect(waited).toBeLessThan(2_000);
    });
  });
});

/** A loopback port that nothing listens on (it was free a moment ago). */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
