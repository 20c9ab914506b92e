import { ROLES, type Role } from '@contingency/contracts';

export type RoleMapping = ReadonlyMap<string, readonly Role[]>;

/**
 * SAML_ROLE_MAPPING: JSON (`{"ops":["operator"],"four-eyes":["approver"]}`) or
 * `group=role,role;group2=role`. An unknown role name is a configuration error, named at start.
 */
export function parseRoleMapping(text: string | undefined): RoleMapping {
  const mapping = new Map<string, Role[]>();
  if (text === undefined || text.trim() === '') return mapping;
  const entries: Array<[string, unknown]> = text.trim().startsWith('{')
    ? Object.entries(JSON.parse(text) as Record<string, unknown>)
    : text
        .split(';')
        .filter((part) => part.trim() !== '')
        .map((part) => {
          const at = part.indexOf('=');
          if (at <= 0) throw new Error(`SAML_ROLE_MAPPING: "${part.trim()}" is not group=role,role`);
          return [part.slice(0, at).trim(), part.slice(at + 1).split(',')];
        });
  for (const [group, roles] of entries) {
    const list = (Array.isArray(roles) ? roles : [roles]).map((role) => String(role).trim()).filter(Boolean);
    for (const role of list) {
      if (!(ROLES as readonly string[]).includes(role)) {
        throw new Error(`SAML_ROLE_MAPPING: "${role}" (group ${group}) is not one of ${ROLES.join(', ')}`);
      }
    }
    mapping.set(group, [...new Set([...(mapping.get(group) ?? []), ...(list as Role[])])]);
  }
  return mapping;
}

/** The roles of a user's groups; a group the mapping does not name gives none. */
export function rolesForGroups(mapping: RoleMapping, groups: readonly string[]): Role[] {
  return [...new Set(groups.flatMap((group) => mapping.get(group) ?? []))];
}
