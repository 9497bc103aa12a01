import { describe, expect, it } from 'vitest';
import { describeDatabase, parseConfig } from '../src/config.js';

const base = { SLACK_BOT_TOKEN: 'xoxb-1-abc', SLACK_SIGNING_SECRET: 'secret' };

describe('parseConfig', () => {
  it('applies the documented defaults in HTTP mode', () => {
    const result = parseConfig(base);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config).toMatchObject({
      mode: 'http',
      port: 3000,
      databasePath: 'data/interview-assistant.sqlite',
      logLevel: 'info',
      defaultTimezone: 'UTC',
      adminUserIds: [],
      defaultDecisionChannel: null,
      kitReminderMinutes: 15,
      reminderAfterHours: 24,
      escalateAfterHours: 48,
      jobsPollSeconds: 15,
      allowanceMinutes: 10,
    });
    expect(Object.isFrozen(result.config)).toBe(true);
    expect(Object.isFrozen(result.config.slack)).toBe(true);
  });

  it('uses Socket Mode when an app token is set, and then needs no signing secret', () => {
    const result = parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1-abc' });
    expect(result).toMatchObject({ ok: true, config: { mode: 'socket', slack: { appToken: 'xapp-1-abc' } } });
  });

  it('runs on PostgreSQL when DATABASE_URL is a postgres:// URL, and names it without its password', () => {
    const url = 'postgres://app:s3cret@db.internal:5432/interviews';
    const result = parseConfig({ ...base, DATABASE_URL: url });
    expect(result).toMatchObject({ ok: true, config: { databaseUrl: url } });
    if (result.ok) expect(describeDatabase(result.config)).toBe('PostgreSQL db.internal:5432/interviews');
    expect(parseConfig({ ...base, DATABASE_URL: '' })).toMatchObject({ ok: true, config: { databaseUrl: null } });
    const wrong = parseConfig({ ...base, DATABASE_URL: 'mysql://db/interviews' });
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.message).toContain('DATABASE_URL must be a PostgreSQL URL such as postgres://');
  });

  it('reads lists, numbers and the API URL', () => {
    const result = parseConfig({
      ...base,
      ADMIN_USER_IDS: 'U01AAA, U02BBB,',
      PORT: '8080',
      SLACK_API_URL: 'http://127.0.0.1:9999/api',
      REMINDER_AFTER_HOURS: '12',
      ESCALATE_AFTER_HOURS: '36',
      KIT_REMINDER_MINUTES: '0',
      DEFAULT_TIMEZONE: 'Europe/Berlin',
      LOG_LEVEL: 'DEBUG',
    });
    expect(result).toMatchObject({
      ok: true,
      config: {
        adminUserIds: ['U01AAA', 'U02BBB'],
        port: 8080,
        slack: { apiUrl: 'http://127.0.0.1:9999/api/' },
        reminderAfterHours: 12,
        escalateAfterHours: 36,
        kitReminderMinutes: 0,
        defaultTimezone: 'Europe/Berlin',
        logLevel: 'debug',
      },
    });
  });

  it.each([
    [{}, 'SLACK_BOT_TOKEN is missing'],
    [{ SLACK_BOT_TOKEN: '   ' }, 'SLACK_BOT_TOKEN is missing'],
    [
      { SLACK_BOT_TOKEN: 'abc', SLACK_SIGNING_SECRET: 's' },
      'SLACK_BOT_TOKEN must be a bot token starting with "xoxb-"',
    ],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, 'SLACK_SIGNING_SECRET is missing'],
    [{ ...base, SLACK_APP_TOKEN: 'xoxb-wrong' }, 'SLACK_APP_TOKEN must be an app-level token'],
    [{ ...base, PORT: 'abc' }, 'PORT must be a port number'],
    [{ ...base, DEFAULT_TIMEZONE: 'Mars/Olympus' }, 'DEFAULT_TIMEZONE must be an IANA time zone'],
    [{ ...base, ADMIN_USER_IDS: 'alice' }, 'ADMIN_USER_IDS must be comma-separated Slack user IDs'],
    [{ ...base, DEFAULT_DECISION_CHANNEL: '#hiring' }, 'DEFAULT_DECISION_CHANNEL must be a channel ID'],
    [{ ...base, REMINDER_AFTER_HOURS: '-1' }, 'REMINDER_AFTER_HOURS must be a number of hours'],
    [{ ...base, REMINDER_AFTER_HOURS: '50' }, 'ESCALATE_AFTER_HOURS (48) must be later than REMINDER_AFTER_HOURS (50)'],
    [{ ...base, SLACK_API_URL: 'not a url' }, 'SLACK_API_URL must be a URL'],
    [{ ...base, LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
  ])('explains %j in one line naming the variable', (env, expected) => {
    const result = parseConfig(env);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain(expected);
    expect(result.message.startsWith('Configuration error: ')).toBe(true);
    expect(result.message).not.toContain('\n');
  });
});
