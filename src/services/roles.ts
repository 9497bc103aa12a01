import type { Kysely } from 'kysely';
import { readBank } from '../db/repositories/bank.js';
import type { Database } from '../db/schema.js';
import { roleName } from '../domain/labels.js';
import { DEFAULT_ROLE, isRoleId, type RoleChoice, roleNames } from '../domain/roles.js';
import { hiringLeadTips } from '../domain/tips.js';

/**
 * The roles an interview can be scheduled for: the default role, the bank's named roles and every role of its
 * questions, by the bank's display name (else the slug in words). A stored role id that breaks the rules (too long for Slack, not a slug) is left out: it could not be
 * offered in a select, and no question would be picked for it anyway.
 */
export async function scheduleRoles(db: Kysely<Database>): Promise<RoleChoice[]> {
  const bank = await readBank(db);
  const ids = [
    ...new Set([DEFAULT_ROLE, ...bank.roles.map((r) => r.id), ...bank.questions.flatMap((q) => q.roles)]),
  ].filter(isRoleId);
  const names = roleNames(bank);
  return ids.map((id) => ({ id, name: roleName(id, names) })).sort((a, b) => a.name.localeCompare(b.name));
}

/** The bank's recruiting and loop-design advice, for whoever opens the schedule form (never in a kit). */
export async function schedulingTips(db: Kysely<Database>): Promise<string[]> {
  return hiringLeadTips((await readBank(db)).tips).map((t) => t.text);
}
