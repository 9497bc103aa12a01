import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../src/services/bootstrap.js';
import { freshDatabase, type TestDatabase } from './support/database.js';
import { type History, writeHistory } from './support/insight-history.js';
import { runEntry } from './support/run.js';

describe('npm run cli -- insights', () => {
  let dir: string;
  let env: Record<string, string>;
  let history: History;
  let database: TestDatabase;
  const cli = (...args: string[]) => runEntry('cli.ts', args, env, dir);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ia-insights-'));
    database = await freshDatabase();
    env = database.env;
    const { handle } = await prepareDatabase(database.target, new Date());
    history = await writeHistory(handle.db, { loops: 160, end: new Date() });
    await handle.close();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('prints the report in words, with n and intervals, and the questions for review', async () => {
    const result = await cli('insights');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('None of them is a score for a candidate.');
    expect(result.stdout).toMatch(
      new RegExp(`${history.lenient} rates about .* above the rest of the panel, from \\d+ shared ratings`),
    );
    expect(result.stdout).toContain('Exploratory: the decisions were made from these same ratings');
    // Scorecards on time, per interviewer: completion and the median hours to submit, each with n and interval.
    expect(result.stdout).toMatch(
      new RegExp(
        `${history.lenient} submits scorecards a median of \\d+ hours after the interview \\(95% interval \\d+ to \\d+ hours, from \\d+ scorecards\\)`,
      ),
    );
    expect(result.stdout).toMatch(/Submitted (\d+) of \1 scorecards owed \(100%, 95% interval/);
    // Agreement per competency with the spread within one panel beside it.
    expect(result.stdout).toMatch(/Within one panel, ratings of .+ on average 0\.\d\d points from the panel's mean/);
    const review = result.stdout.slice(result.stdout.indexOf('For review in the bank'));
    expect(review).toContain(`${history.noisyQuestion}: panels disagree persistently`);
    expect(review).toContain(`${history.hardQuestion}: never answered well`);
  });

  it('--json carries the same figures, each with its n', async () => {
    const result = await cli('insights', '--json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {
      minimumSample: number;
      interviewers: {
        raterId: string;
        leniency: { n: number; figure: { value: number; low: number } | null };
        completion: { n: number; figure: { value: number; low: number; high: number; n: number } | null };
        hoursToSubmit: { n: number; figure: { value: number; low: number; high: number; n: number } | null };
      }[];
      agreement: { competencies: { spread: { figure: { value: number } | null } }[] };
      forReview: { questionId: string; reasons: string[] }[];
    };
    expect(report.minimumSample).toBe(30);
    const lenient = report.interviewers.find((i) => i.raterId === history.lenient);
    expect(lenient?.leniency.figure?.low).toBeGreaterThan(0);
    expect(lenient?.completion.figure?.value).toBe(1);
    // The history submits 2 to 42 hours after each interview: the median lies in between, inside its interval.
    const hours = lenient?.hoursToSubmit.figure;
    expect(hours?.n).toBe(lenient?.completion.n);
    expect(hours?.value).toBeGreaterThan(2);
    expect(hours?.value).toBeLessThan(42);
    expect(hours?.low).toBeLessThanOrEqual(hours?.value ?? 0);
    expect(hours?.high).toBeGreaterThanOrEqual(hours?.value ?? 0);
    expect(report.agreement.competencies.every((c) => (c.spread.figure?.value ?? 0) > 0)).toBe(true);
    expect(report.forReview.map((q) => q.questionId).sort()).toEqual(
      [history.noisyQuestion, history.hardQuestion].sort(),
    );
  });

  it('--html FILE writes one self-contained page with the funnel plot and agreement chart', async () => {
    const file = join(dir, 'insight.html');
    const result = await cli('insights', '--html', file);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(file);
    const page = readFileSync(file, 'utf8');
    expect(page).toContain('aria-label="Funnel plot of leniency against shared ratings"');
    expect(page).toContain('aria-label="Agreement per competency"');
    expect(page).not.toMatch(/<script|src="http|href="http/);
    expect(page).toContain(`${history.lenient}</text>`); // labelled: outside the funnel
    expect(page).toContain('<h2>Scorecards on time</h2>');
    expect(page).toMatch(new RegExp(`${history.lenient} submits scorecards a median of \\d+ hours`));
  });

  it('--html without a file: one line and the usage, exit 2', async () => {
    const result = await cli('insights', '--html');
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toMatch(/^Error: .*html/);
  });
});
