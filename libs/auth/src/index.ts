export {
  API_KEY_AUDIT_ACTIONS,
  ApiKeyStore,
  BOOTSTRAP_ADMIN_PRINCIPAL,
  type ApiKeySummary,
  type CreatedApiKey,
  type NewApiKey,
} from './api-key.store';
export { AuthGuard, DENIAL_REASONS, type DenialReason } from './auth.guard';
export { AuthModule, type AuthModuleOptions } from './auth.module';
export { AUTHENTICATORS, type Authenticator } from './authenticator';
export { CurrentPrincipal, PRINCIPAL_KEY } from './current-principal.decorator';
export type { Principal } from './principal';
export { PUBLIC_KEY, Public, ROLES_KEY, Roles } from './roles.decorator';
export * from './rate-limit';
export { authError, AuthErrorFilter } from './auth-error';
export * from './dev-idp';
export { parseIdpMetadata, readIdpMetadataFile, type IdentityProviderSettings } from './saml/idp-metadata';
export { type LoginOptions, samlLoginFromConfig, type SpSigningKey } from './saml/login-options';
export { parseRoleMapping, rolesForGroups } from './saml/role-mapping';
export { CLOCK, type Clock } from './session/clock';
export { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from './session/cookies';
export { LOGIN_AUDIT_ACTIONS } from './session/login-audit';
export { SessionModule } from './session/session.module';
export type { MfaState } from './session/session.store';
