import { type DynamicModule, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { CalastoneConfig } from '@contingency/config';
import type { CalastoneChannel } from './calastone-channel';
import { LocalFolderChannel } from './local-folder.channel';
import { SftpChannel } from './sftp.channel';

/** Injection token of the process's one CalastoneChannel. */
export const CALASTONE_CHANNEL = Symbol('CALASTONE_CHANNEL');

/** SFTP when the configuration names a server, else the local folders under `localRoot` (standalone). */
export function createCalastoneChannel(config: CalastoneConfig): CalastoneChannel {
  const { outboundDir, inboundDir } = config;
  return config.sftp
    ? new SftpChannel({ ...config.sftp, outboundDir, inboundDir })
    : new LocalFolderChannel({ root: config.localRoot, outboundDir, inboundDir });
}

/** Provides CALASTONE_CHANNEL to the module that imports it, and closes the channel when the app stops. */
@Module({})
export class CalastoneChannelModule implements OnApplicationShutdown {
  constructor(@Inject(CALASTONE_CHANNEL) private readonly channel: CalastoneChannel) {}

  static forRoot(config: CalastoneConfig): DynamicModule {
    return {
      module: CalastoneChannelModule,
      global: false,
      providers: [{ provide: CALASTONE_CHANNEL, useFactory: () => createCalastoneChannel(config) }],
      exports: [CALASTONE_CHANNEL],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.channel.close();
  }
}
