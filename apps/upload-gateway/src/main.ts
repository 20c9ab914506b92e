import { GatewayModule, setupOpenApi } from '@contingency/gateway';
import { runService } from '@contingency/platform';

void runService({
  service: 'upload-gateway',
  defaultPort: 8080,
  features: () => [GatewayModule],
  configure: (app) => setupOpenApi(app),
});
