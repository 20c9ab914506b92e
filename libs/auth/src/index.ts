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
