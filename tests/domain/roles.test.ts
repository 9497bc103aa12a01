import { describe, expect, it } from 'vitest';
import { loadBankDir } from '../../src/bank/load.js';
import { humanize } from '../../src/domain/labels.js';
import { DEFAULT_ROLE, roleName, roleNames } from '../../src/domain/roles.js';

describe('role names', () => {
  const bank = { roles: [{ id: 'backend-developer', name: 'Backend developer', description: 'Server side.' }] };

  it.each([
    ['backend-developer', 'Backend developer'],
    ['data-engineer', 'Data engineer'],
    ['sre', 'Sre'],
    ['ml-ops-2', 'Ml ops 2'],
  ])('shows %s as %j', (slug, name) => {
    expect(roleName(bank, slug)).toBe(name);
  });

  it('makes any slug readable, and gives labels.ts the bank’s names', () => {
    expect(humanize('platform-engineer')).toBe('Platform engineer');
    expect(roleNames(bank).get('backend-developer')).toBe('Backend developer');
  });

  it('names every role the shipped bank’s questions use', () => {
    const shipped = loadBankDir();
    expect(roleName(shipped, DEFAULT_ROLE)).toBe('Backend developer');
    const named = new Set(shipped.roles.map((r) => r.id));
    for (const q of shipped.questions) for (const r of q.roles) expect(named, `${q.id} → ${r}`).toContain(r);
    for (const r of shipped.roles) expect(r.description.length).toBeGreaterThan(20);
  });
});
