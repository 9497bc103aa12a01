import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/database.js';
import { duePanelists } from '../../src/db/repositories/due.js';
import { panelSeat, upcomingFor } from '../../src/db/repositories/interviews.js';
import { kitOf, usedInLoop } from '../../src/db/repositories/kits.js';
import { findLoopsByCandidate, getLoop } from '../../src/db/repositories/loops.js';
import { deliveredRef, dueHeads, refStates } from '../../src/db/repositories/outbox.js';
import {
  expectedInLoop,
  getScorecard,
  owedBy,
  progressOfLoop,
  submittedInLoop,
} from '../../src/db/repositories/scorecards.js';
import type { Database } from '../../src/db/schema.js';

/** Tables that grow with use: a query over them must find its rows through an index, never by reading them all. */
const GROWING = [
  'candidates',
  'loops',
  'interviews',
  'interview_panelists',
  'kit_items',
  'scorecards',
  'scorecard_ratings',
  'scorecard_notes',
  'decisions',
  'outbox',
  'audit_log',
  'slack_deliveries',
];

describe('hot queries use indexes', () => {
  const captured: { sql: string; parameters: readonly unknown[] }[] = [];
  let sqlite: SQLite.Database;
  let db: Kysely<Database>;
  beforeAll(async () => {
    sqlite = new SQLite(join(mkdtempSync(join(tmpdir(), 'plans-')), 'db.sqlite'));
    db = new Kysely<Database>({
      dialect: new SqliteDialect({ database: sqlite }),
      log: (event) => {
        if (event.level === 'query') captured.push({ sql: event.query.sql, parameters: event.query.parameters });
      },
    });
    await migrateToLatest(db);
    // Statistics for a realistically sized database, so the planner chooses as it would in production.
    sqlite.exec('ANALYZE');
  });
  afterAll(async () => {
    await db.destroy();
  });

  const now = new Date('2026-11-23T12:00:00Z');
  const hot: [string, () => Promise<unknown>][] = [
    ['outbox: due heads per channel', () => dueHeads(db, now.toISOString(), 50)],
    ['outbox: where an earlier message landed', () => deliveredRef(db, 'loop_parent:1')],
    [
      'outbox: what was posted, and which edits wait, of a loop’s messages',
      () =>
        refStates(db, [
          { type: 'loop_parent', id: '1' },
          { type: 'loop_summary', id: '1' },
          { type: 'scorecard_prompt', id: '1:U1' },
        ]),
    ],
    ['due work: prompts', () => duePanelists(db, 'prompted_at', now.toISOString())],
    ['due work: reminders', () => duePanelists(db, 'reminded_at', now.toISOString())],
    ['summary: who owes a scorecard', () => expectedInLoop(db, 1)],
    ['summary: submitted scorecards with ratings', () => submittedInLoop(db, 1)],
    ['thread parent: progress', () => progressOfLoop(db, 1)],
    ['planner: questions used in the loop', () => usedInLoop(db, 1)],
    ['kit of an interview', () => kitOf(db, 1)],
    ['upcoming interviews of a user', () => upcomingFor(db, 'U1', now)],
    ['scorecards a user owes', () => owedBy(db, 'U1', now)],
    ['a scorecard', () => getScorecard(db, 1, 'U1')],
    ['a panelist submitting: interview, loop and seat', () => panelSeat(db, 1, 'U1')],
    ['a loop', () => getLoop(db, 1)],
    ['loops of a candidate', () => findLoopsByCandidate(db, 'Ada Lovelace')],
  ];

  it('outbox: the due heads are found lane by lane, whatever is queued or was sent', async () => {
    const insert = sqlite.prepare(
      `insert into outbox (method, channel, payload, status, next_attempt_at, created_at)
       values ('chat.postMessage', ?, '{}', ?, '1970-01-01T00:00:00.000Z', '2026-11-23T00:00:00.000Z')`,
    );
    sqlite.transaction(() => {
      for (let i = 0; i < 5_000; i++) insert.run('C0HIRING', 'sent');
      for (let i = 0; i < 2_000; i++) insert.run(i % 5 === 0 ? `U${i}` : 'C0HIRING', 'pending');
    })();
    captured.length = 0;
    const heads = await dueHeads(db, now.toISOString(), 1_000);
    // One head per lane (400 DMs and the channel), each the oldest message of its lane.
    expect(heads.length).toBe(401);
    expect(heads.filter((h) => h.channel === 'C0HIRING')).toHaveLength(1);
    expect(heads.map((h) => h.id)).toEqual([...heads.map((h) => h.id)].sort((a, b) => a - b));
    const query = captured[0];
    if (!query) throw new Error('dueHeads ran no query');
    const plan = (
      sqlite.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...(query.parameters as unknown[])) as { detail: string }[]
    ).map((p) => p.detail);
    expect(plan, plan.join('\n')).toContain('SEARCH o USING INTEGER PRIMARY KEY (rowid=?)');
    // Messages without a channel are looked up in the open-messages index, not found by walking the backlog.
    expect(plan, plan.join('\n')).toContain('SEARCH outbox USING INDEX outbox_open (channel=?)');
    expect(
      plan.filter((step) => step.startsWith('SCAN outbox')),
      plan.join('\n'),
    ).toEqual([]);
    sqlite.exec('delete from outbox');
  });

  it.each(hot)('%s', async (_name, run) => {
    captured.length = 0;
    await run();
    expect(captured.length).toBeGreaterThan(0);
    for (const query of captured) {
      const plan = sqlite.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...(query.parameters as unknown[])) as {
        detail: string;
      }[];
      const aliases = new Map([...query.sql.matchAll(/"(\w+)" as "(\w+)"/g)].map((m) => [m[2] ?? '', m[1] ?? '']));
      const scans = plan
        .map((p) => /^SCAN (\w+)/.exec(p.detail)?.[1])
        .filter((name): name is string => name !== undefined)
        .map((name) => aliases.get(name) ?? name)
        .filter((table) => GROWING.includes(table));
      expect(scans, `${query.sql}\n${plan.map((p) => p.detail).join('\n')}`).toEqual([]);
    }
  });
});
