import { UnmatchedAcksApiModule } from '@contingency/acks';
import { AuthModule, samlLoginFromConfig } from '@contingency/auth';
import { GatewayModule, setupOpenApi } from '@contingency/gateway';
import { runService } from '@contingency/platform';

void runService({
  service: 'upload-gateway',
  defaultPort: 8080,
  features: (config) => [
    AuthModule.forRoot({
      bootstrapAdminKey: config.bootstrapAdminKey,
      login: samlLoginFromConfig(config.login),
    }),
    GatewayModule.forRoot(config),
    // The ACKs waiting for their order, served where downstream systems read everything else.
    UnmatchedAcksApiModule,
  ],
  configure: (app) => setupOpenApi(app),
});
