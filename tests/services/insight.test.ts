import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../src/db/database.js';
import { prepareDatabase } from '../../src/services/bootstrap.js';
import { insightFor, insightReport } from '../../src/services/insight.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { type History, rebuildInsight, writeHistory } from '../support/insight-history.js';

const NOW = new Date('2026-07-01T00:00:00Z');

describe('the insight report over a generated history (real SQLite and PostgreSQL)', () => {
  let handle: DbHandle;
  let database: TestDatabase;
  let history: History;
  beforeAll(async () => {
    database = await freshDatabase();
    handle = (await prepareDatabase(database.target, NOW)).handle;
    // 160 loops of 3 interviews (3, 3 and 4 panelists) among 40 raters; four hiring leads take turns.
    history = await writeHistory(handle.db, { loops: 160, end: NOW });
    await rebuildInsight(handle.db, NOW);
  });
  afterAll(async () => {
    await handle.close();
    await database.drop();
  });

  it('finds the lenient and the severe rater, each clearly off their panels, from 30+ shared ratings', async () => {
    const report = await insightReport(handle.db, { kind: 'team' });
    const lenient = report.interviewers.find((i) => i.raterId === history.lenient)?.leniency.figure;
    const severe = report.interviewers.find((i) => i.raterId === history.severe)?.leniency.figure;
    expect(lenient?.n).toBeGreaterThanOrEqual(30);
    expect(lenient?.low).toBeGreaterThan(0.1);
    expect(severe?.high).toBeLessThan(-0.1);
    const typical = report.interviewers.filter((i) => i.leniency.figure && i.raterId > history.severe);
    expect(typical.filter((i) => (i.leniency.figure?.low ?? 0) > 0.3 || (i.leniency.figure?.high ?? 0) < -0.3)).toEqual(
      [],
    );
  });

  it('lists the question panels disagree on, and the one never answered well, for review', async () => {
    const report = await insightReport(handle.db, { kind: 'team' });
    const noisy = report.questions.find((q) => q.questionId === history.noisyQuestion);
    const hard = report.questions.find((q) => q.questionId === history.hardQuestion);
    expect(noisy?.agreement.n).toBeGreaterThanOrEqual(30);
    expect(noisy?.review).toContain('disagreement');
    expect(hard?.review).toContain('never_answered_well');
    const flagged = report.questions.filter((q) => q.review.length > 0).map((q) => q.questionId);
    expect(flagged.sort()).toEqual([history.noisyQuestion, history.hardQuestion].sort());
    // A question well asked separates hires from no-hires in this history (exploratory), with its n.
    const best = report.questions.find((q) => q.separation.figure && q.review.length === 0);
    expect(best?.separation.figure?.value).toBeGreaterThan(0.6);
    expect((best?.separation.figure?.positives ?? 0) + (best?.separation.figure?.negatives ?? 0)).toBe(
      best?.separation.n,
    );
  });

  it('holds back a figure below the minimum sample and says how many more are needed', async () => {
    // One lead's quarter of the loops: some questions were asked there fewer than 30 times.
    const report = await insightReport(handle.db, { kind: 'lead', leadId: 'ULEAD2' });
    const thin = report.questions.filter((q) => q.agreement.n < 30);
    expect(thin.length).toBeGreaterThan(0);
    for (const q of thin) {
      expect(q.agreement.figure).toBeNull();
      expect(q.agreement.needed).toBe(30 - q.agreement.n);
      expect(q.review).toEqual([]);
    }
  });

  it('agreement overall and per competency, each with its n', async () => {
    const report = await insightReport(handle.db, { kind: 'team' });
    const overall = report.agreement.overall.figure;
    expect(overall?.value).toBeGreaterThan(0.4);
    expect(overall?.value).toBeLessThan(0.95);
    expect(report.agreement.competencies.reduce((total, c) => total + c.n, 0)).toBe(overall?.units);
  });

  it('who sees what: an interviewer their own figures, a lead their loops without leniency, others nothing', async () => {
    const me = await insightFor(handle.db, { userId: history.lenient, isAdmin: false }, { kind: 'me' });
    expect(me.ok && me.value.report.interviewers.map((i) => i.raterId)).toEqual([history.lenient]);

    const outsider = await insightFor(handle.db, { userId: 'UOUTSIDER', isAdmin: false }, { kind: 'team' });
    expect(outsider.ok).toBe(false);
    if (!outsider.ok) expect(outsider.error.message).toContain('/interview insights me');

    const admin = await insightFor(handle.db, { userId: 'UADMIN', isAdmin: true }, { kind: 'team' });
    const lead = await insightFor(handle.db, { userId: 'ULEAD1', isAdmin: false }, { kind: 'team' });
    expect(admin.ok && admin.value.audience).toBe('admin');
    expect(lead.ok && lead.value.audience).toBe('lead');
    if (!admin.ok || !lead.ok) return;
    expect(admin.value.report.interviewers.length).toBe(40);
    expect(lead.value.report.interviewers).toEqual([]);
    // A quarter of the loops: the lead's figures count only the loops they lead.
    const units = (r: typeof admin.value.report) => r.agreement.overall.n;
    expect(units(lead.value.report)).toBeGreaterThan(units(admin.value.report) * 0.2);
    expect(units(lead.value.report)).toBeLessThan(units(admin.value.report) * 0.3);
  });
});
