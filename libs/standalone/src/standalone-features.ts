import type { DynamicModule, Type } from '@nestjs/common';
import { AcksModule, TradeWatchModule } from '@contingency/acks';
import { AuthModule, DevIdpModule, developmentIdentityProvider } from '@contingency/auth';
import { CalastoneModule } from '@contingency/calastone';
import { CasieModule } from '@contingency/casie';
import type { AppConfig } from '@contingency/config';
import { GatewayModule } from '@contingency/gateway';
import { calastoneSimulatorOn, SimulatorsModule } from '@contingency/simulators';
import { ValidationModule } from '@contingency/validation';

export interface StandaloneOptions {
  /** Where the Casie adapter sends orders: the in-process simulator unless CASIE_URL says otherwise. */
  casieUrl: string;
  bootstrapAdminKey: string;
}

/** Every service module of the product, as standalone mode (and its tests) run them in one process. */
export function standaloneFeatures(
  config: AppConfig,
  options: StandaloneOptions,
): Array<Type | DynamicModule> {
  // Browser sign-in through the in-process development IdP (refused with NODE_ENV=production).
  const devIdp = developmentIdentityProvider(config);
  return [
    AuthModule.forRoot({ bootstrapAdminKey: options.bootstrapAdminKey, login: devIdp.login }),
    DevIdpModule.forRoot(devIdp, config.nodeEnv),
    GatewayModule.forRoot(config),
    ValidationModule,
    // Stable worker id: a restarted sandbox takes back its own unfinished Casie claims at once.
    CasieModule.forRoot({ baseUrl: options.casieUrl, timeoutMs: 10_000, worker: { id: 'standalone' } }),
    CalastoneModule.forRoot({
      xsdDir: config.iso20022XsdDir,
      channel: config.calastone,
      worker: { id: 'standalone' },
    }),
    AcksModule.forRoot({ inbox: { channel: config.calastone, xsdDir: config.iso20022XsdDir } }),
    TradeWatchModule.forRoot(config.watch),
    SimulatorsModule.forRoot({ dataDir: config.dataDir, calastone: calastoneSimulatorOn(config.calastone) }),
  ];
}
