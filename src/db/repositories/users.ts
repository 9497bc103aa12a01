import type { Db } from '../schema.js';

export interface UserProfile {
  userId: string;
  tz: string;
  isBot: boolean;
  /** The Slack display name, when known. */
  name?: string | null;
}

export async function getProfiles(db: Db, userIds: string[]): Promise<Map<string, UserProfile & { fetchedAt: Date }>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.selectFrom('user_profiles').selectAll().where('user_id', 'in', userIds).execute();
  return new Map(
    rows.map((r) => [
      r.user_id,
      { userId: r.user_id, tz: r.tz, isBot: r.is_bot === 1, fetchedAt: new Date(r.fetched_at) },
    ]),
  );
}

export async function saveProfile(db: Db, profile: UserProfile, now: Date): Promise<void> {
  const values = {
    tz: profile.tz,
    is_bot: profile.isBot ? 1 : 0,
    fetched_at: now.toISOString(),
    ...(profile.name ? { name: profile.name } : {}),
  };
  await db
    .insertInto('user_profiles')
    .values({ user_id: profile.userId, ...values })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
    .execute();
}

/** Slack names of users, where known (user id → name). */
export async function namesOf(db: Db, userIds: string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('user_profiles')
    .select(['user_id', 'name'])
    .where('user_id', 'in', userIds)
    .execute();
  return new Map(rows.flatMap((r) => (r.name ? [[r.user_id, r.name] as [string, string]] : [])));
}
