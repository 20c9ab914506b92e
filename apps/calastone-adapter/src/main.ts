import { CalastoneModule } from '@contingency/calastone';
import { runService } from '@contingency/platform';

void runService({
  service: 'calastone-adapter',
  defaultPort: 8083,
  features: (config) => [
    CalastoneModule.forRoot({ xsdDir: config.iso20022XsdDir, channel: config.calastone }),
  ],
});
