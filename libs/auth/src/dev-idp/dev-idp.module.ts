import { type DynamicModule, Module } from '@nestjs/common';
import { DEV_IDP_SETUP, DevIdpController } from './dev-idp.controller';
import { DevIdpRefusedError, type DevIdpSetup } from './dev-idp';
import { SamlIdentityProvider } from './saml-identity-provider';

/** The development IdP under /dev-idp (standalone). Refused when NODE_ENV=production. */
@Module({})
export class DevIdpModule {
  static forRoot(setup: DevIdpSetup, nodeEnv: string): DynamicModule {
    if (nodeEnv === 'production' || process.env.NODE_ENV === 'production') {
      throw new DevIdpRefusedError(
        'The development identity provider does not run with NODE_ENV=production.',
      );
    }
    return {
      module: DevIdpModule,
      controllers: [DevIdpController],
      providers: [
        { provide: DEV_IDP_SETUP, useValue: setup },
        {
          provide: SamlIdentityProvider,
          useFactory: () =>
            SamlIdentityProvider.create({
              entityId: setup.settings.entityId,
              ssoUrl: setup.settings.ssoUrl,
              ...(setup.settings.sloUrl !== undefined && { sloUrl: setup.settings.sloUrl }),
              keys: setup.keys,
            }),
        },
      ],
    };
  }
}
