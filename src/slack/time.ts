import { TZDate } from '@date-fns/tz';
import { formatInZone } from '../domain/when.js';

/** A time every reader sees in their own Slack time zone, with a fallback in the zone we know. */
export function slackTime(date: Date, fallbackZone: string): string {
  const epoch = Math.floor(date.getTime() / 1000);
  return `<!date^${epoch}^{date_short_pretty} at {time}|${formatInZone(date, fallbackZone)}>`;
}

/** Tomorrow at 10:00 in the user's zone: a sensible first value for the date picker. */
export function suggestedStart(now: Date, timeZone: string): Date {
  const local = new TZDate(now.getTime(), timeZone);
  return new TZDate(local.getFullYear(), local.getMonth(), local.getDate() + 1, 10, 0, 0, timeZone);
}
