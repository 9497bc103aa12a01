import { TZDate } from '@date-fns/tz';
import { formatInZone } from '../domain/when.js';

/** A time every reader sees in their own Slack time zone, with a fallback in the zone we know. */
export function slackTime(date: Date, fallbackZone: string): string {
  const epoch = Math.floor(date.getTime() / 1000);
  return `<!date^${epoch}^{date_short_pretty} at {time}|${formatInZone(date, fallbackZone)}>`;
}

/** The next working day at 10:00 in the user's zone (Monday after a Friday): a sensible first value for the picker. */
export function suggestedStart(now: Date, timeZone: string): Date {
  const local = new TZDate(now.getTime(), timeZone);
  const weekday = local.getDay();
  const days = weekday === 5 ? 3 : weekday === 6 ? 2 : 1;
  return new TZDate(local.getFullYear(), local.getMonth(), local.getDate() + days, 10, 0, 0, timeZone);
}
