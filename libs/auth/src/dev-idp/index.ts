export { DEMO_ROLE_MAPPING, DEMO_USERS } from './demo-users';
export { developmentIdentityProvider, DevIdpRefusedError, type DevIdpSetup } from './dev-idp';
export { DevIdpModule } from './dev-idp.module';
export {
  type IdpUser,
  type LoginResponseInput,
  MFA_CONTEXT,
  PASSWORD_CONTEXT,
  type ResponseOverrides,
  SamlIdentityProvider,
} from './saml-identity-provider';
export { certificateBody, type KeyAndCertificate, selfSignedCertificate } from './self-signed-certificate';
