import { parseRoleMapping, rolesForGroups } from './role-mapping';

describe(parseRoleMapping.name, () => {
  it('reads group=role,role;group2=role', () => {
    const mapping = parseRoleMapping(' ops = operator, viewer ; four-eyes=approver;;');
    expect([...mapping]).toEqual([
      ['ops', ['operator', 'viewer']],
      ['four-eyes', ['approver']],
    ]);
  });

  it('reads JSON, a role or a list per group', () => {
    const mapping = parseRoleMapping('{"ops":["operator"],"sre-team":"sre"}');
    expect(rolesForGroups(mapping, ['sre-team', 'ops'])).toEqual(['sre', 'operator']);
  });

  it('is empty when unset', () => {
    expect(parseRoleMapping(undefined).size).toBe(0);
    expect(parseRoleMapping('  ').size).toBe(0);
  });

  it.each([
    ['an unknown role', 'ops=superuser', /"superuser" \(group ops\) is not one of operator/],
    ['an entry without =', 'ops', /"ops" is not group=role,role/],
  ])('names the variable and the fault for %s', (_label, text, message) => {
    expect(() => parseRoleMapping(text)).toThrow(/^SAML_ROLE_MAPPING: /);
    expect(() => parseRoleMapping(text)).toThrow(message);
  });
});

describe(rolesForGroups.name, () => {
  it('gives unknown groups no role and no duplicates', () => {
    const mapping = parseRoleMapping('a=operator;b=operator,viewer');
    expect(rolesForGroups(mapping, ['a', 'b', 'strangers'])).toEqual(['operator', 'viewer']);
    expect(rolesForGroups(mapping, ['strangers'])).toEqual([]);
  });
});
