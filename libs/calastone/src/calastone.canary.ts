import { canaryProbe } from '@contingency/platform';
import type { CalastoneChannel } from './channel/calastone-channel';
import { CALASTONE_CHANNEL } from './channel/create-channel';

/**
 * Lists the outbox folder over the channel's own connection (SFTP, or the local folders in standalone):
 * `presentInOutbox([])` reads the folder and writes nothing, so it is safe to run every interval.
 */
export async function probeCalastoneMailbox(channel: CalastoneChannel): Promise<void> {
  await channel.presentInOutbox([]);
}

export const calastoneCanaryProbe = canaryProbe({
  service: 'calastone-adapter',
  target: 'calastone',
  inject: [CALASTONE_CHANNEL],
  probe: probeCalastoneMailbox,
});
