import type { Kysely } from 'kysely';
import { outboxCounts, requeue, undelivered } from '../db/repositories/outbox.js';
import type { Database } from '../db/schema.js';
import { UsageError } from './usage.js';

const LISTED = 50;

/** `outbox`: what waits, what was set aside and why; `outbox retry ID|all`: queue set-aside messages again. */
export async function outboxCommand(db: Kysely<Database>, args: string[]): Promise<string> {
  const [sub, target] = args;
  if (sub === undefined) return listing(db);
  if (sub !== 'retry') throw new UsageError('outbox takes nothing, or "retry ID" or "retry all"');
  if (!target) throw new UsageError('outbox retry needs a message id (see `outbox`) or "all"');
  const ids =
    target === 'all'
      ? (await undelivered(db, 10_000)).filter((row) => row.status === 'held').map((row) => row.id)
      : [Number(target.replace(/^#/, ''))];
  if (ids.some((id) => !Number.isInteger(id) || id <= 0)) throw new UsageError(`"${target}" is not a message id`);
  let queued = 0;
  for (const id of ids) if (await requeue(db, id)) queued += 1;
  if (target !== 'all' && queued === 0) return `Message #${target} is not set aside (nothing to retry).`;
  return `${queued} message${queued === 1 ? '' : 's'} queued again; the running app sends ${queued === 1 ? 'it' : 'them'} within JOBS_POLL_SECONDS.`;
}

async function listing(db: Kysely<Database>): Promise<string> {
  const counts = await outboxCounts(db);
  const lines = [
    `Outbox: ${counts.pending} waiting, ${counts.sending} being sent, ${counts.held} set aside, ${counts.failed} refused by Slack.`,
  ];
  const rows = await undelivered(db, LISTED);
  if (rows.length === 0) return lines.join('\n');
  lines.push('', 'id      status  method            channel       attempts  last error');
  for (const row of rows) {
    lines.push(
      [
        `#${row.id}`.padEnd(7),
        (row.status === 'held' ? 'held' : 'refused').padEnd(7),
        row.method.padEnd(17),
        (row.channel ?? '-').padEnd(13),
        String(row.attempts).padEnd(9),
        (row.last_error ?? '').slice(0, 120),
      ].join(' '),
    );
  }
  lines.push(
    '',
    'Set-aside messages failed every attempt: once Slack is well again, `outbox retry all` sends them. Refused ones were rejected by Slack for good (the reason says why).',
  );
  return lines.join('\n');
}
