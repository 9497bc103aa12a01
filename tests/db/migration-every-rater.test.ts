import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { type Kysely, Kysely as KyselyDb, Migrator, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../db/migrations/index.js';
import { migrateToLatest } from '../../src/db/database.js';
import { submittedInLoop } from '../../src/db/repositories/scorecards.js';
import type { Database } from '../../src/db/schema.js';
import { loopState } from '../../src/services/loop-summary.js';
import { summaryBlocks } from '../../src/slack/blocks/summary.js';

// Scorecards written before every panelist rated every probed competency must carry over: each old rating was
// its rater's focus, and each interview keeps the round it was scheduled in.
describe('migration 0013: every rater', () => {
  let db: Kysely<Database> | undefined;
  afterEach(async () => {
    await db?.destroy();
  });

  it('marks old ratings as their rater’s focus and puts old interviews in the round they were scheduled in', async () => {
    const sqlite = new SQLite(join(mkdtempSync(join(tmpdir(), 'migrate-')), 'db.sqlite'));
    db = new KyselyDb<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0013'));
    const old = await new Migrator({ db, provider: { getMigrations: async () => before } }).migrateToLatest();
    expect(old.error).toBeUndefined();

    const at = (day: number) => `2026-11-${String(day).padStart(2, '0')}T10:00:00.000Z`;
    sqlite.exec(`
      insert into candidates (id, name, name_key, created_at) values (1, 'Ada Lovelace', 'ada lovelace', '${at(1)}');
      insert into loops (id, candidate_id, role, level, hiring_lead_id, decision_channel_id, created_by, created_at, updated_at)
        values (1, 1, 'backend-developer', 'senior', 'ULEAD', 'CDEC', 'ULEAD', '${at(1)}', '${at(1)}');
      insert into interviews (id, loop_id, kind, starts_at, ends_at, duration_minutes, created_by, created_at, updated_at)
        values (1, 1, 'technical', '${at(2)}', '${at(2)}', 45, 'ULEAD', '${at(1)}', '${at(1)}'),
               (2, 1, 'behavioral', '${at(6)}', '${at(6)}', 45, 'ULEAD', '${at(5)}', '${at(5)}');
      insert into decisions (loop_id, outcome, rationale, decided_by, decided_at)
        values (1, 'another_round', 'One more conversation', 'ULEAD', '${at(4)}');
      insert into interview_panelists (interview_id, user_id, position, focus)
        values (1, 'UPIA', 0, '["system-design"]'), (2, 'UOLA', 0, '["collaboration"]');
      insert into scorecards (id, interview_id, panelist_id, status, key_takeaways, recommendation, revision, submitted_at, created_at, updated_at)
        values (1, 1, 'UPIA', 'submitted', 'Clear designs', 'yes', 1, '${at(2)}', '${at(2)}', '${at(2)}'),
               (2, 2, 'UOLA', 'submitted', 'Kind and clear', 'strong_yes', 1, '${at(6)}', '${at(6)}', '${at(6)}');
      insert into scorecard_ratings (scorecard_id, competency_id, rating)
        values (1, 'system-design', 3), (2, 'collaboration', 4), (2, 'communication', null);
    `);

    expect(await migrateToLatest(db)).toContain('0013-every-rater');

    const cards = await submittedInLoop(db, 1);
    expect(cards.map((c) => [c.panelistId, c.round, c.ratings, [...c.focus].sort()])).toEqual([
      ['UPIA', 1, { 'system-design': 3 }, ['system-design']],
      ['UOLA', 2, { collaboration: 4, communication: null }, ['collaboration', 'communication']],
    ]);

    // The old loop's summary still renders, each old rating with its rater.
    const state = await loopState(db, 1);
    if (!state) throw new Error('the loop is gone');
    const text = JSON.stringify(
      summaryBlocks({
        loop: state.loop,
        summary: state.summary,
        competencyNames: state.competencyNames,
        decisions: state.decisions,
        showRatings: state.channelMayShowRatings,
        decisionButtons: false,
        progress: { submitted: 2, expected: 2 },
      }),
    );
    expect(text).toContain('<@UPIA> 3★');
    expect(text).toContain('<@UOLA> 4★');
    expect(text).toContain('Hire *1*');
  });
});
