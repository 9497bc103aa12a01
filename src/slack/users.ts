import type { WebClient } from '@slack/web-api';
import type { Kysely } from 'kysely';
import { getProfiles, saveProfile, type UserProfile } from '../db/repositories/users.js';
import type { Database } from '../db/schema.js';

const FRESH_MS = 24 * 60 * 60 * 1000;

export interface SlackUser extends UserProfile {
  /** Deactivated, or unknown to Slack. */
  missing: boolean;
}

/**
 * Time zones and bot flags of users, from the database cache when fresh, else from users.info (cached).
 * Unknown users come back with `missing: true` rather than failing the whole look-up.
 */
export async function lookupUsers(
  client: WebClient,
  db: Kysely<Database>,
  userIds: string[],
  now: Date,
  defaultTz: string,
): Promise<Map<string, SlackUser>> {
  const unique = [...new Set(userIds)];
  const cached = await getProfiles(db, unique);
  const result = new Map<string, SlackUser>();
  await Promise.all(
    unique.map(async (userId) => {
      const hit = cached.get(userId);
      if (hit && now.getTime() - hit.fetchedAt.getTime() < FRESH_MS) {
        result.set(userId, { userId, tz: hit.tz, isBot: hit.isBot, missing: false });
        return;
      }
      try {
        const info = await client.users.info({ user: userId });
        const user = info.user;
        const profile: UserProfile = {
          userId,
          tz: user?.tz ?? defaultTz,
          isBot: Boolean(user?.is_bot) || userId === 'USLACKBOT',
          name: user?.profile?.display_name || user?.real_name || user?.name || null,
        };
        // A cache: never waited for (another process may hold the database's write lock for a while).
        void saveProfile(db, profile, now).catch(() => undefined);
        result.set(userId, { ...profile, missing: Boolean(user?.deleted) });
      } catch (error) {
        const code = (error as { data?: { error?: string } }).data?.error;
        if (code !== 'user_not_found' && hit)
          result.set(userId, { userId, tz: hit.tz, isBot: hit.isBot, missing: false });
        else if (code === 'user_not_found') result.set(userId, { userId, tz: defaultTz, isBot: false, missing: true });
        else throw error;
      }
    }),
  );
  return result;
}

export async function userTimeZone(
  client: WebClient,
  db: Kysely<Database>,
  userId: string,
  now: Date,
  defaultTz: string,
): Promise<string> {
  try {
    return (await lookupUsers(client, db, [userId], now, defaultTz)).get(userId)?.tz ?? defaultTz;
  } catch {
    return defaultTz;
  }
}

/** The zone we already know for a user, without asking Slack (for fallback text next to Slack's own date markup). */
export async function knownTimeZone(db: Kysely<Database>, userId: string, defaultTz: string): Promise<string> {
  return (await getProfiles(db, [userId])).get(userId)?.tz ?? defaultTz;
}

/**
 * The requester's zone for a form that must open within Slack's 3-second trigger: the cached one, else users.info
 * if it answers within `waitMs`, else the default (the next form will know it, as the look-up still saves it).
 */
export async function zoneForForm(
  client: WebClient,
  db: Kysely<Database>,
  userId: string,
  now: Date,
  defaultTz: string,
  waitMs = 1200,
): Promise<string> {
  const cached = (await getProfiles(db, [userId])).get(userId);
  if (cached && now.getTime() - cached.fetchedAt.getTime() < FRESH_MS) return cached.tz;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(cached?.tz ?? defaultTz), waitMs);
  });
  try {
    return await Promise.race([userTimeZone(client, db, userId, now, cached?.tz ?? defaultTz), late]);
  } finally {
    clearTimeout(timer);
  }
}
