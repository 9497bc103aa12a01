import { existsSync } from 'node:fs';
import { z } from 'zod';
import { isTimeZone } from './domain/when.js';

const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalText = z.preprocess(emptyToUndefined, z.string().trim().optional());
const number = (message: string) => z.coerce.number({ error: message });
const hours = (fallback: number) => {
  const message = `must be a number of hours between 0 and 720, such as ${fallback}`;
  return number(message).positive(message).max(720, message).default(fallback);
};

const envSchema = z.object({
  SLACK_BOT_TOKEN: z.preprocess(
    emptyToUndefined,
    z
      .string({
        error:
          'is missing: set it to the Bot User OAuth Token (xoxb-…) from your Slack app\'s "OAuth & Permissions" page',
      })
      .trim()
      .regex(/^xox[bp]-/, 'must be a bot token starting with "xoxb-" (Slack app → OAuth & Permissions)'),
  ),
  SLACK_APP_TOKEN: optionalText.pipe(
    z
      .string()
      .regex(
        /^xapp-/,
        'must be an app-level token starting with "xapp-" (Slack app → Basic Information → App-Level Tokens)',
      )
      .optional(),
  ),
  SLACK_SIGNING_SECRET: optionalText,
  PORT: number('must be a port number such as 3000')
    .int('must be a whole port number such as 3000')
    .min(0)
    .max(65535)
    .default(3000),
  SLACK_API_URL: optionalText.pipe(z.url('must be a URL such as https://slack.com/api/').optional()),
  DATABASE_PATH: z.string().trim().min(1).default('data/interview-assistant.sqlite'),
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a PostgreSQL URL such as postgres://user:password@host:5432/interviews')
      .optional(),
  ),
  LOG_LEVEL: z.preprocess(
    (v) => (typeof v === 'string' ? v.toLowerCase() : v),
    z.enum(LOG_LEVELS, { error: 'must be one of debug, info, warn, error' }).default('info'),
  ),
  DEFAULT_TIMEZONE: z
    .string()
    .trim()
    .default('UTC')
    .refine(isTimeZone, 'must be an IANA time zone such as "Europe/Berlin" or "America/New_York"'),
  ADMIN_USER_IDS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^[UW][A-Z0-9]+$/, 'must be comma-separated Slack user IDs such as U012ABCDEF'))),
  DEFAULT_DECISION_CHANNEL: optionalText.pipe(
    z
      .string()
      .regex(/^[CG][A-Z0-9]+$/, 'must be a channel ID such as C012ABCDEF (channel details → About → Channel ID)')
      .optional(),
  ),
  KIT_REMINDER_MINUTES: z.preprocess(
    emptyToUndefined,
    number('must be a whole number of minutes between 0 (off) and 1440, such as 15')
      .int('must be a whole number of minutes such as 15')
      .min(0, 'must be 0 (off) or more')
      .max(1440, 'must be at most 1440 (a day)')
      .default(15),
  ),
  REMINDER_AFTER_HOURS: hours(24),
  ESCALATE_AFTER_HOURS: hours(48),
  JOBS_POLL_SECONDS: number('must be a number of seconds between 1 and 3600, such as 15').min(1).max(3600).default(15),
  RETENTION_DAYS: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: 'must be a whole number of days such as 365, or empty to keep decided loops' })
      .int('must be a whole number of days such as 365')
      .min(1, 'must be at least 1 day, or empty to keep decided loops')
      .optional(),
  ),
  INTERVIEW_ALLOWANCE_MINUTES: number('must be a whole number of minutes between 0 and 60, such as 10')
    .int()
    .min(0)
    .max(60)
    .default(10),
});

export interface Config {
  readonly slack: {
    readonly botToken: string;
    readonly appToken: string | null;
    readonly signingSecret: string | null;
    readonly apiUrl: string | null;
  };
  readonly mode: 'socket' | 'http';
  readonly port: number;
  readonly databasePath: string;
  /** PostgreSQL instead of the SQLite file at databasePath. */
  readonly databaseUrl: string | null;
  readonly logLevel: LogLevelName;
  readonly defaultTimezone: string;
  readonly adminUserIds: readonly string[];
  readonly defaultDecisionChannel: string | null;
  /** Minutes before an interview's start that each panelist is reminded of their part; 0 turns it off. */
  readonly kitReminderMinutes: number;
  readonly reminderAfterHours: number;
  readonly escalateAfterHours: number;
  readonly jobsPollSeconds: number;
  readonly allowanceMinutes: number;
  /** Decided loops are purged this many days after their last change; null keeps them. */
  readonly retentionDays: number | null;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; message: string };

/** Parses the environment; a failure is one line naming the variable and how to fix it. */
export function parseConfig(env: NodeJS.ProcessEnv): ConfigResult {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    return { ok: false, message: `Configuration error: ${variable} ${issue?.message ?? 'is invalid'}.` };
  }
  const e = parsed.data;
  const mode = e.SLACK_APP_TOKEN ? 'socket' : 'http';
  if (mode === 'http' && !e.SLACK_SIGNING_SECRET) {
    return {
      ok: false,
      message:
        'Configuration error: SLACK_SIGNING_SECRET is missing: set it to the Signing Secret from your Slack app\'s "Basic Information" page, or set SLACK_APP_TOKEN to use Socket Mode.',
    };
  }
  if (e.ESCALATE_AFTER_HOURS <= e.REMINDER_AFTER_HOURS) {
    return {
      ok: false,
      message: `Configuration error: ESCALATE_AFTER_HOURS (${e.ESCALATE_AFTER_HOURS}) must be later than REMINDER_AFTER_HOURS (${e.REMINDER_AFTER_HOURS}).`,
    };
  }
  const config: Config = {
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      appToken: e.SLACK_APP_TOKEN ?? null,
      signingSecret: e.SLACK_SIGNING_SECRET ?? null,
      apiUrl: e.SLACK_API_URL ? e.SLACK_API_URL.replace(/\/?$/, '/') : null,
    },
    mode,
    port: e.PORT,
    databasePath: e.DATABASE_PATH,
    databaseUrl: e.DATABASE_URL ?? null,
    logLevel: e.LOG_LEVEL,
    defaultTimezone: e.DEFAULT_TIMEZONE,
    adminUserIds: Object.freeze([...e.ADMIN_USER_IDS]),
    defaultDecisionChannel: e.DEFAULT_DECISION_CHANNEL ?? null,
    kitReminderMinutes: e.KIT_REMINDER_MINUTES,
    reminderAfterHours: e.REMINDER_AFTER_HOURS,
    escalateAfterHours: e.ESCALATE_AFTER_HOURS,
    jobsPollSeconds: e.JOBS_POLL_SECONDS,
    allowanceMinutes: e.INTERVIEW_ALLOWANCE_MINUTES,
    retentionDays: e.RETENTION_DAYS ?? null,
  };
  return { ok: true, config: deepFreeze(config) };
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (child && typeof child === 'object') deepFreeze(child);
  }
  return Object.freeze(value);
}

/** Reads `.env` into process.env when present; variables already set win. */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}

/** Where the data lives, for logs and messages: the file, or the PostgreSQL server and database (never the password). */
export function describeDatabase(config: Pick<Config, 'databasePath' | 'databaseUrl'>): string {
  if (!config.databaseUrl) return config.databasePath;
  try {
    const url = new URL(config.databaseUrl);
    return `PostgreSQL ${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}
