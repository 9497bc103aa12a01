import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase, testDialect } from './support/database.js';
import { runEntry } from './support/run.js';

interface KitJson {
  panelists: {
    focus: string[];
    questions: { id: string; text: string; kind: string; competencies: string[]; minutes: number }[];
  }[];
  gaps: string[];
}

describe('npm run cli', () => {
  let dir: string;
  let env: Record<string, string>;
  let database: TestDatabase;
  const cli = (...args: string[]) => runEntry('cli.ts', args, env, dir);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ia-cli-'));
    database = await freshDatabase();
    env = database.env;
    const result = await cli('migrate');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/up to date .* bank: \d+ questions/);
  });

  afterAll(async () => {
    await database.drop();
  });

  it('migrate is idempotent', async () => {
    const again = await cli('migrate');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('0 migrations applied now');
  });

  it('prints a kit as JSON in the documented shape, fitting the time', async () => {
    const result = await cli(
      'questions',
      '--level',
      'senior',
      '--kind',
      'technical',
      '--minutes',
      '45',
      '--panelists',
      '2',
      '--json',
    );
    expect(result.code).toBe(0);
    const kit = JSON.parse(result.stdout) as KitJson;
    expect(kit.panelists).toHaveLength(2);
    const questions = kit.panelists.flatMap((p) => p.questions);
    const minutes = questions.reduce((sum, q) => sum + q.minutes, 0);
    expect(minutes).toBeLessThanOrEqual(35);
    expect(minutes).toBeGreaterThanOrEqual(26);
    for (const q of questions) {
      expect(Object.keys(q).sort()).toEqual(['competencies', 'id', 'kind', 'minutes', 'text']);
      expect(q.kind).toBe('technical');
    }
    const [a, b] = kit.panelists;
    expect(a?.focus.filter((f) => b?.focus.includes(f))).toEqual([]);
    expect(Array.isArray(kit.gaps)).toBe(true);
  });

  it('prints a readable kit without --json', async () => {
    const result = await cli('questions', '--level', 'junior', '--kind', 'behavioral', '--minutes', '30');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('30-minute junior behavioral interview');
    expect(result.stdout).toMatch(/\[\d+ min\] /);
  });

  it('exports the bank as JSON with seed file names as sources', async () => {
    const result = await cli('bank', 'export', '--json');
    expect(result.code).toBe(0);
    const questions = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(questions.length).toBeGreaterThan(100);
    for (const q of questions) {
      expect(Object.keys(q).sort()).toEqual(
        ['competencies', 'guidance', 'id', 'kind', 'levels', 'minutes', 'sensitive', 'source', 'text'].sort(),
      );
      expect(q.source).toMatch(/^(custom|\d{3}_[0-9a-f]{16}\.txt)$/);
    }
    const sources = new Set(questions.map((q) => q.source));
    for (const seed of [
      '000_89e900bebfeedc3e.txt',
      '001_cb5147bbfa2c0786.txt',
      '002_64e7bffbf2ed969a.txt',
      '003_f99f02e2454aa31d.txt',
      '004_d97f3a75d4fac3f6.txt',
    ]) {
      expect(sources).toContain(seed);
    }
  });

  it('round-trips the bank through export and import without loss, and imports new questions', async () => {
    const exported = await cli('bank', 'export');
    const file = join(dir, 'bank.yaml');
    writeFileSync(file, exported.stdout);
    const reimport = await cli('bank', 'import', file);
    expect(reimport.code).toBe(0);
    expect(reimport.stdout).toMatch(/^No changes: the bank already has the \d+ questions of /);
    const again = await cli('bank', 'export');
    expect(again.stdout).toBe(exported.stdout);

    const custom = join(dir, 'custom.yaml');
    writeFileSync(
      custom,
      `questions:
  - id: our-queue-design
    text: How would you design our job queue so that a crash never loses a job?
    kind: technical
    competencies: [system-design]
    levels: [senior, lead]
    minutes: 12
    source: custom
    guidance: Looks for at-least-once delivery, idempotent handlers and visibility timeouts.
`,
    );
    const added = await cli('bank', 'import', custom);
    expect(added.stdout).toContain(`Imported 1 question from ${custom}: 1 added, 0 updated.`);
    const json = JSON.parse((await cli('bank', 'export', '--json')).stdout) as { id: string; source: string }[];
    expect(json.find((q) => q.id === 'our-queue-design')?.source).toBe('custom');
    // A restart reloads the YAML bank and keeps the imported question.
    await cli('migrate');
    const afterReload = JSON.parse((await cli('bank', 'export', '--json')).stdout) as { id: string }[];
    expect(afterReload.some((q) => q.id === 'our-queue-design')).toBe(true);
    // Seven runs of the CLI, each a fresh process that opens the database and loads the bank.
  }, 120_000);

  it('reports a question changed since the last import as updated, one question in the singular', async () => {
    const file = join(dir, 'one.yaml');
    const entry = (minutes: number) => `questions:
  - id: our-cache-invalidation
    text: When did a cache in your service serve stale data, and how did you fix it?
    kind: technical
    competencies: [performance-scalability]
    levels: [mid, senior]
    minutes: ${minutes}
    source: custom
    guidance: Looks for a concrete incident, the invalidation strategy chosen and its trade-offs.
`;
    writeFileSync(file, entry(8));
    expect((await cli('bank', 'import', file)).stdout).toContain(
      `Imported 1 question from ${file}: 1 added, 0 updated.`,
    );
    writeFileSync(file, entry(10));
    expect((await cli('bank', 'import', file)).stdout).toContain(
      `Imported 1 question from ${file}: 0 added, 1 updated.`,
    );
    expect((await cli('bank', 'import', file)).stdout).toContain(`No changes: the bank already has the 1 question of`);
  });

  it('refuses an import with a bad entry, naming it, and writes nothing', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(
      bad,
      `questions:
  - id: fine-one
    text: A fine question?
    kind: technical
    competencies: [databases]
    levels: [mid]
    minutes: 5
    source: custom
    guidance: Fine.
  - id: broken-one
    text: Broken?
    kind: technical
    competencies: [astrology]
    levels: [mid]
    minutes: 5
    source: custom
    guidance: Broken.
`,
    );
    const result = await cli('bank', 'import', bad);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      `Question bank error: ${bad}: question "broken-one": unknown competency "astrology"`,
    );
    const json = JSON.parse((await cli('bank', 'export', '--json')).stdout) as { id: string }[];
    expect(json.some((q) => q.id === 'fine-one')).toBe(false);
  });

  it('backs up SQLite to a new file that opens with the same data; on PostgreSQL says to use pg_dump', async () => {
    const target = join(dir, 'backup.sqlite');
    const result = await cli('backup', target);
    if (testDialect === 'postgres') {
      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toBe(
        'Error: backup copies a SQLite file; on PostgreSQL use its own tools, e.g. pg_dump "$DATABASE_URL" > interviews.sql',
      );
      expect(existsSync(target)).toBe(false);
      return;
    }
    expect(result.code).toBe(0);
    expect(existsSync(target)).toBe(true);
    const copy = new SQLite(target, { readonly: true });
    const count = copy.prepare('select count(*) as n from questions').get() as { n: number };
    copy.close();
    expect(count.n).toBeGreaterThan(100);
    const refused = await cli('backup', target);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('already exists');
    expect(readFileSync(target).length).toBeGreaterThan(0);
  });

  it("takes the defaults of Slack's /interview questions, and lengths written as in Slack", async () => {
    const plain = await cli('questions');
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('45-minute mid technical interview');
    expect(plain.stdout).toContain('1 panelist.');
    expect(plain.stdout).toContain('Not given, so assumed: level mid, kind technical, 45 minutes.');
    const senior = await cli('questions', '--level', 'senior', '--minutes', '1h');
    expect(senior.code).toBe(0);
    expect(senior.stdout).toContain('60-minute senior technical interview');
    expect(senior.stdout).toContain('assumed: kind technical.');
  });

  it('backs up into a folder that does not exist yet, and names the mistake when given a folder', async () => {
    const target = join(dir, 'backups', 'nightly', 'copy.sqlite');
    const result = await cli('backup', target);
    if (testDialect === 'postgres') {
      // Nothing to copy into a file: one line, and no folder made for it.
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toContain('pg_dump');
      expect(existsSync(join(dir, 'backups'))).toBe(false);
      return;
    }
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`to ${target}`);
    const copy = new SQLite(target, { readonly: true });
    expect((copy.prepare('select count(*) as n from questions').get() as { n: number }).n).toBeGreaterThan(100);
    copy.close();
    const folder = await cli('backup', join(dir, 'backups'));
    expect(folder.code).toBe(2);
    expect(folder.stderr.split('\n')[0]).toContain('is a folder: name the file to write in it');
  });

  it("imports the README's question-bank example as it stands", async () => {
    const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## The question bank'));
    const example = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
    expect(example).toBeDefined();
    const file = join(dir, 'my-questions.yaml');
    writeFileSync(file, example ?? '');
    const result = await cli('bank', 'import', file);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Imported 1 question from ${file}: 1 added, 0 updated.`);
    const id = /id: ([a-z0-9-]+)/.exec(example ?? '')?.[1];
    const json = JSON.parse((await cli('bank', 'export', '--json')).stdout) as { id: string; source: string }[];
    expect(json.find((q) => q.id === id)?.source).toBe('custom');
  });
});
