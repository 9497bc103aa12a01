import type { View } from '@slack/types';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { homeContent } from '../services/home.js';
import { insightForHome } from '../services/insight.js';
import { homeView } from './blocks/home.js';
import { insightHomeBlocks } from './blocks/insights.js';
import { slackTime } from './time.js';
import { knownTimeZone } from './users.js';

/** A user's App Home as of `now`: built the same way when they open it and when what it shows changes. */
export async function homeViewFor(
  db: Kysely<Database>,
  userId: string,
  now: Date,
  defaultTz: string,
  admin: boolean,
): Promise<View> {
  const [content, tz, insight] = await Promise.all([
    homeContent(db, userId, now),
    knownTimeZone(db, userId, defaultTz),
    insightForHome(db, { userId, isAdmin: admin }),
  ]);
  const upcoming = content.upcoming.map((item) => ({ ...item, when: slackTime(item.interview.startsAt, tz) }));
  const owed = content.owed.map((item) => ({ ...item, when: slackTime(item.startsAt, tz) }));
  return homeView(
    { upcoming, owed, led: content.led, decided: content.decided, timeZone: tz },
    insight ? insightHomeBlocks(insight) : [],
  );
}
