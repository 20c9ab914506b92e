import { Test } from '@nestjs/testing';
import type { CalastoneConfig } from '@contingency/config';
import type { CalastoneChannel } from './calastone-channel';
import { CALASTONE_CHANNEL, CalastoneChannelModule, createCalastoneChannel } from './create-channel';
import { LocalFolderChannel } from './local-folder.channel';
import { SftpChannel } from './sftp.channel';

const local: CalastoneConfig = {
  outboundDir: 'outbound',
  inboundDir: 'inbound',
  localRoot: '/data/calastone',
};
const sftp: CalastoneConfig = {
  ...local,
  sftp: {
    host: 'sftp.example.test',
    port: 2222,
    username: 'mosaic',
    privateKeyFile: '/run/secrets/calastone_key',
    hostKeyFingerprint: 'SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8',
  },
};

describe(createCalastoneChannel.name, () => {
  it('uses the local folders under localRoot when no SFTP server is configured', () => {
    const channel = createCalastoneChannel(local);

    expect(channel).toBeInstanceOf(LocalFolderChannel);
    expect(channel.description).toBe('/data/calastone');
  });

  it('uses SFTP when a server is configured, without connecting until first use', async () => {
    const channel = createCalastoneChannel(sftp);

    expect(channel).toBeInstanceOf(SftpChannel);
    expect(channel.description).toBe('sftp://mosaic@sftp.example.test:2222');
    await expect(channel.close()).resolves.toBeUndefined();
  });
});

describe(CalastoneChannelModule.name, () => {
  it('provides the channel under CALASTONE_CHANNEL and closes it when the application shuts down', async () => {
    const app = await Test.createTestingModule({
      imports: [CalastoneChannelModule.forRoot(local)],
    }).compile();
    const channel = app.get<CalastoneChannel>(CALASTONE_CHANNEL);
    const close = jest.spyOn(channel, 'close');

    expect(channel).toBeInstanceOf(LocalFolderChannel);
    expect(close).not.toHaveBeenCalled();
    await app.close();
    expect(close).toHaveBeenCalledTimes(1);
  });
});
