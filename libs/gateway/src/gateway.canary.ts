import type { FactoryProvider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ContingencyMode } from '@contingency/config';
import { pingLedger } from '@contingency/ledger';
import { MESSAGE_BUS, type MessageBus } from '@contingency/messaging';
import { canaryProbe } from '@contingency/platform';

/**
 * The upload-gateway's own dependencies: the ledger (SELECT 1) and the bus (Kafka's cluster description;
 * in standalone the embedded bus's readiness).
 */
export function gatewayCanaryProbes(mode: ContingencyMode): FactoryProvider[] {
  return [
    canaryProbe({
      service: 'upload-gateway',
      target: 'postgresql',
      inject: [DataSource],
      probe: (dataSource: DataSource) => pingLedger(dataSource),
    }),
    canaryProbe({
      service: 'upload-gateway',
      target: mode === 'standalone' ? 'embedded_bus' : 'kafka',
      inject: [MESSAGE_BUS],
      probe: (bus: MessageBus) => bus.checkHealth(),
    }),
  ];
}
