import type { Logger } from '@slack/bolt';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import { transact } from '../db/database.js';
import { claimKitReminder, claimStage, dueKitReminders, duePanelists } from '../db/repositories/due.js';
import { enqueue } from '../db/repositories/outbox.js';
import type { Database } from '../db/schema.js';
import { loopMessageRef, sendKitReminder, sendScorecardPrompt } from '../services/messages.js';
import { pruneDeliveries, purgeExpired } from '../services/retention.js';

export interface DueWorkOptions {
  db: Kysely<Database>;
  clock: Clock;
  logger: Logger;
  /** Minutes before the start that panelists get their part; 0 turns it off. */
  kitReminderMinutes: number;
  reminderAfterHours: number;
  escalateAfterHours: number;
  retentionDays: number | null;
  pollMs: number;
}

export interface DueCounts {
  kitReminders: number;
  prompts: number;
  reminders: number;
  escalations: number;
  purgedLoops: number;
}

const HOUR = 3_600_000;

/**
 * Finds what is due by the clock against times in the database: scorecard prompts when an interview ends,
 * reminders, then escalation to the hiring lead. Each is claimed with a conditional update in the same
 * transaction that queues its message, so a restart or a second instance never sends it twice (one instance wins
 * the update: see `claim` in repositories/outbox.ts).
 */
export async function runDueWork(options: Omit<DueWorkOptions, 'pollMs' | 'logger'>): Promise<DueCounts> {
  const { db, clock } = options;
  const now = clock.now();
  const at = now.toISOString();
  const counts: DueCounts = { kitReminders: 0, prompts: 0, reminders: 0, escalations: 0, purgedLoops: 0 };

  if (options.kitReminderMinutes > 0) {
    const until = new Date(now.getTime() + options.kitReminderMinutes * 60_000).toISOString();
    for (const due of await dueKitReminders(db, at, until)) {
      const sent = await transact(db, async (trx) => {
        if (!(await claimKitReminder(trx, due.interviewId, due.userId, due.startsAt))) return false;
        await sendKitReminder(trx, due.loopId, due.interviewId, due.userId, due.startsAt, now);
        return true;
      });
      if (sent) counts.kitReminders += 1;
    }
  }

  for (const due of await duePanelists(db, 'prompted_at', at)) {
    const sent = await transact(db, async (trx) => {
      if (!(await claimStage(trx, 'prompted_at', due.interviewId, due.userId, at))) return false;
      await sendScorecardPrompt(trx, due.interviewId, due.userId, now);
      return true;
    });
    if (sent) counts.prompts += 1;
  }

  const remindCutoff = new Date(now.getTime() - options.reminderAfterHours * HOUR).toISOString();
  for (const due of await duePanelists(db, 'reminded_at', remindCutoff)) {
    const sent = await transact(db, async (trx) => {
      if (!(await claimStage(trx, 'reminded_at', due.interviewId, due.userId, at))) return false;
      await enqueue(
        trx,
        {
          method: 'chat.postMessage',
          channel: due.userId,
          payload: {
            channel: due.userId,
            $render: { name: 'scorecard_reminder', interviewId: due.interviewId, userId: due.userId },
          },
          ref: loopMessageRef(due.loopId),
          dedupeKey: `reminder:${due.interviewId}:${due.userId}`,
        },
        now,
      );
      return true;
    });
    if (sent) counts.reminders += 1;
  }

  const escalateCutoff = new Date(now.getTime() - options.escalateAfterHours * HOUR).toISOString();
  const late = await duePanelists(db, 'escalated_at', escalateCutoff);
  const byInterview = new Map<number, typeof late>();
  for (const due of late) byInterview.set(due.interviewId, [...(byInterview.get(due.interviewId) ?? []), due]);
  // Claimed in one order everywhere: two instances escalating one interview wait for each other, never deadlock.
  for (const panelists of byInterview.values()) panelists.sort((x, y) => (x.userId < y.userId ? -1 : 1));
  for (const [interviewId, panelists] of byInterview) {
    const sent = await transact(db, async (trx) => {
      const claimed: string[] = [];
      for (const p of panelists)
        if (await claimStage(trx, 'escalated_at', interviewId, p.userId, at)) claimed.push(p.userId);
      const lead = panelists[0]?.hiringLeadId;
      if (claimed.length === 0 || !lead) return false;
      await enqueue(
        trx,
        {
          method: 'chat.postMessage',
          channel: lead,
          payload: { channel: lead, $render: { name: 'scorecard_escalation', interviewId, late: claimed } },
          ref: loopMessageRef(panelists[0]?.loopId ?? 0),
          dedupeKey: `escalation:${interviewId}:${claimed.join(',')}`,
        },
        now,
      );
      return true;
    });
    if (sent) counts.escalations += 1;
  }
  if (options.retentionDays !== null) counts.purgedLoops = (await purgeExpired(db, options.retentionDays, now)).loops;
  await pruneDeliveries(db, now);
  return counts;
}

/** Runs due work every JOBS_POLL_SECONDS; `tick()` runs it now (tests move the clock, then tick). */
export class DueWorkRunner {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<DueCounts> | null = null;

  constructor(private readonly options: DueWorkOptions) {}

  start(): void {
    this.timer = setInterval(() => void this.tick().catch(() => undefined), this.options.pollMs);
    this.timer.unref();
    void this.tick().catch(() => undefined);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  async tick(): Promise<DueCounts> {
    if (this.running) await this.running.catch(() => undefined);
    // What it queues wakes the outbox as it commits (the database's after-commit hook).
    this.running = runDueWork(this.options).then(
      (counts) => counts,
      (error: unknown) => {
        this.options.logger.error('due work failed', error);
        throw error;
      },
    );
    try {
      return await this.running;
    } finally {
      this.running = null;
    }
  }
}
