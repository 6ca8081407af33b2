import { appRoleProblems, type RoleAttributes } from './app-role';

const safe: RoleAttributes = {
  rolsuper: false,
  rolbypassrls: false,
  rolcreaterole: false,
  rolcreatedb: false,
  unsafe_memberships: null,
  owned_relations: '0',
};

describe('appRoleProblems', () => {
  it('accepts a plain login role', () => {
    expect(appRoleProblems(safe)).toEqual([]);
  });

  it('names every attribute that would let a request leave its account', () => {
    expect(appRoleProblems({ ...safe, rolsuper: true })).toEqual([expect.stringMatching(/^is SUPERUSER/)]);
    expect(appRoleProblems({ ...safe, rolbypassrls: true })).toEqual([expect.stringMatching(/^has BYPASSRLS/)]);
    expect(appRoleProblems({ ...safe, rolcreaterole: true, rolcreatedb: true })).toHaveLength(2);
    expect(appRoleProblems({ ...safe, owned_relations: '3' })).toEqual([expect.stringMatching(/owns tables/)]);
    expect(appRoleProblems({ ...safe, unsafe_memberships: ['postgres'] })).toEqual([
      expect.stringMatching(/member of postgres/),
    ]);
  });
});
