import { CasieModule } from '@contingency/casie';
import { runService } from '@contingency/platform';

void runService({
  service: 'casie-adapter',
  defaultPort: 8082,
  features: (config) => {
    if (!config.casieUrl) throw new Error('CASIE_URL is required for the casie-adapter');
    return [CasieModule.forRoot({ baseUrl: config.casieUrl, timeoutMs: 10_000 })];
  },
});
