import { AuthModule } from '@contingency/auth';
import { GatewayModule, setupOpenApi } from '@contingency/gateway';
import { runService } from '@contingency/platform';

void runService({
  service: 'upload-gateway',
  defaultPort: 8080,
  features: (config) => [
    AuthModule.forRoot({ bootstrapAdminKey: config.bootstrapAdminKey }),
    GatewayModule.forRoot(config),
  ],
  configure: (app) => setupOpenApi(app),
});
