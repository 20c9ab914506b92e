import { AcksModule, TradeWatchModule } from '@contingency/acks';
import { AuthModule } from '@contingency/auth';
import { runService } from '@contingency/platform';

void runService({
  service: 'ack-ingestor',
  defaultPort: 8084,
  features: (config) => [
    AuthModule.forRoot({ bootstrapAdminKey: config.bootstrapAdminKey }),
    AcksModule.forRoot({ inbox: { channel: config.calastone, xsdDir: config.iso20022XsdDir } }),
    TradeWatchModule.forRoot(config.watch),
  ],
});
