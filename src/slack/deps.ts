import type { Logger } from '@slack/bolt';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Database } from '../db/schema.js';

/** What every listener needs, passed in at registration. */
export interface Deps {
  db: Kysely<Database>;
  config: Config;
  clock: Clock;
  logger: Logger;
}

export function isAdmin(deps: Deps, userId: string): boolean {
  return deps.config.adminUserIds.includes(userId);
}
