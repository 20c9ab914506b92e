import type { Role } from '@contingency/contracts';
import type { IdpUser } from './saml-identity-provider';

const ROLES_OF_DEMO: readonly Role[] = ['operator', 'approver', 'viewer', 'sre', 'admin', 'downstream'];

/** Two people per role (operator-1, operator-2, …): four eyes needs a second one. Group = `<role>s`. */
export const DEMO_USERS: readonly IdpUser[] = ROLES_OF_DEMO.flatMap((role) =>
  [1, 2].map((n) => ({
    nameId: `${role}-${n}`,
    displayName: `${role[0].toUpperCase()}${role.slice(1)} ${n}`,
    groups: [`${role}s`],
  })),
);

/** The group-to-role mapping the development IdP's users need (SAML_ROLE_MAPPING syntax). */
export const DEMO_ROLE_MAPPING = ROLES_OF_DEMO.map((role) => `${role}s=${role}`).join(';');
