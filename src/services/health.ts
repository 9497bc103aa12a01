import type { DbHandle } from '../db/database.js';
import { activeQuestionCount } from '../db/repositories/bank.js';
import { outboxCounts } from '../db/repositories/outbox.js';
import type { OutboxHealth } from '../jobs/outbox-worker.js';

export interface HealthReport {
  httpStatus: number;
  body: Record<string, unknown>;
}

/**
 * What /healthz tells an operator: 'ok'; 'degraded' when the app runs but cannot do its work (the database takes
 * no writes, Slack refuses the token); 'error' when the database cannot even be read. Degraded and error answer
 * 503, so a monitor notices.
 */
export async function checkHealth(handle: DbHandle, outbox: OutboxHealth | null): Promise<HealthReport> {
  let questions: number;
  try {
    questions = await activeQuestionCount(handle.db);
  } catch (error) {
    return {
      httpStatus: 503,
      body: { status: 'error', database: error instanceof Error ? error.message : 'unavailable' },
    };
  }
  const problems: string[] = [];
  const write = await handle.writeHealth();
  let database: Record<string, unknown> | string = 'ok';
  if (write.status === 'failing') {
    database = {
      status: 'read_only',
      code: write.code,
      error: write.message,
      ...(write.since ? { since: write.since } : {}),
    };
    problems.push(
      write.code.startsWith('SQLITE_FULL')
        ? 'The database cannot be written: the disk is full. Free space on its volume; nothing new is saved until then.'
        : `The database cannot be written (${write.code}): check the file's permissions and its volume.`,
    );
  } else if (write.status === 'busy') {
    database = { status: 'busy', note: 'another process holds the write lock (a backup, an import)' };
  }
  const counts = await outboxCounts(handle.db);
  let slack: Record<string, unknown> | string = 'unknown';
  if (outbox) {
    if (outbox.slack.status === 'refused') {
      slack = { status: 'refused', error: outbox.slack.error, since: outbox.slack.since };
      problems.push(
        `Slack refuses the bot token (${outbox.slack.error}): delivery is paused and ${counts.pending} message(s) wait. ` +
          'Reinstall the app and set SLACK_BOT_TOKEN, then restart.',
      );
    } else slack = 'ok';
  }
  const degraded = problems.length > 0;
  return {
    httpStatus: degraded ? 503 : 200,
    body: {
      status: degraded ? 'degraded' : 'ok',
      database,
      slack,
      questions,
      outbox: { ...counts, ...(outbox ? { in_flight: outbox.inFlight } : {}) },
      ...(degraded ? { problems } : {}),
    },
  };
}
