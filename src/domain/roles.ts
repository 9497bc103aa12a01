import { humanize } from './labels.js';
import type { Bank } from './types.js';

/** The role the seed documents describe; teams add their own roles to questions. */
export const DEFAULT_ROLE = 'backend-developer';

/**
 * The longest role id: the bank file's limit for ids (src/bank/schema.ts), well inside Slack's 150 characters
 * for an option value, since a role is chosen from a select in the schedule form.
 */
export const MAX_ROLE_LENGTH = 80;
const ROLE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Whether a role id is one the app can store and offer: lowercase words joined by dashes, at most 80 characters. */
export function isRoleId(value: string): boolean {
  return value.length <= MAX_ROLE_LENGTH && ROLE_ID.test(value);
}

export interface RoleChoice {
  id: string;
  name: string;
}

/** The roles whose id or name contains every typed word, those starting with the query first. */
export function matchRoles(roles: readonly RoleChoice[], query: string): RoleChoice[] {
  const words = query
    .toLowerCase()
    .split(/[\s-]+/)
    .filter(Boolean);
  const q = query.trim().toLowerCase();
  const hits = roles.filter((r) => {
    const hay = `${r.id} ${r.name.toLowerCase()}`;
    return words.every((w) => hay.includes(w));
  });
  const starts = (r: RoleChoice) => (r.name.toLowerCase().startsWith(q) || r.id.startsWith(q) ? 0 : 1);
  return hits.sort((a, b) => starts(a) - starts(b) || a.name.localeCompare(b.name));
}

/** Each named role's display name by slug, for `roleName`/`roleLine` in labels.ts. */
export function roleNames(bank: Pick<Bank, 'roles'>): ReadonlyMap<string, string> {
  return new Map(bank.roles.map((r) => [r.id, r.name]));
}

/** The name people see for a role: the bank's display name, else the slug in words ("data-engineer" → "Data engineer"). */
export function roleName(bank: Pick<Bank, 'roles'>, slug: string): string {
  return bank.roles.find((r) => r.id === slug)?.name ?? humanize(slug);
}
