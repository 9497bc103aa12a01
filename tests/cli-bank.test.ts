import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from './support/database.js';
import { runEntry } from './support/run.js';

describe('npm run cli -- bank (roles, check)', () => {
  let dir: string;
  let env: Record<string, string>;
  let database: TestDatabase;
  const cli = (...args: string[]) => runEntry('cli.ts', args, env, dir);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ia-cli-bank-'));
    database = await freshDatabase();
    env = database.env;
    const result = await cli('migrate');
    expect(result.code).toBe(0);
  }, 60_000);

  afterAll(async () => {
    await database.drop();
  });

  it('bank check passes on the shipped bank and prints its counts', async () => {
    const check = await cli('bank', 'check');
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0);
    const [first] = check.stdout.split('\n');
    expect(first).toMatch(
      /^Bank check for backend-developer: (\d+) questions, \1 with a strong answer, 0 thin cells, 0 near-duplicates, 0 technical trivia questions offered to senior or lead\.$/,
    );
    expect(check.stdout.trim().endsWith('The bank passes.')).toBe(true);
  }, 60_000);

  it('imports a new role with its name, exports it, and round-trips', async () => {
    const file = join(dir, 'data.yaml');
    writeFileSync(
      file,
      `roles:
  - id: data-engineer
    name: Data engineer
    description: Builds and runs the pipelines that move and shape our data.
questions:
  - id: late-arriving-events
    text: How would you handle events that arrive hours late in a daily aggregation pipeline?
    roles: [data-engineer]
    kind: technical
    competencies: [system-design]
    levels: [mid, senior]
    minutes: 10
    source: custom
    style: judgement
    guidance: Listens for watermarks, reprocessing windows and idempotent writes.
    strong_answer: Chooses a lateness window from the data, reprocesses affected partitions idempotently.
`,
    );
    const imported = await cli('bank', 'import', file);
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toContain('1 added, 0 updated');
    expect(imported.stdout).toContain('Roles: 1 added, 0 updated, 0 unchanged (Data engineer)');

    const exported = await cli('bank', 'export');
    expect(exported.stdout).toContain('name: Backend developer');
    expect(exported.stdout).toContain('name: Data engineer');
    expect(exported.stdout).toMatch(/id: late-arriving-events[\s\S]*?style: judgement/);
    const copy = join(dir, 'export.yaml');
    writeFileSync(copy, exported.stdout);
    const again = await cli('bank', 'import', copy);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^No changes: .*\. Roles: 0 added, 0 updated, 2 unchanged/);
    expect((await cli('bank', 'export')).stdout).toBe(exported.stdout);
  }, 60_000);

  it('refuses a role without a name, naming the entry, and writes nothing', async () => {
    const bad = join(dir, 'bad-role.yaml');
    writeFileSync(bad, 'roles:\n  - id: qa-engineer\n    description: Tests things.\n');
    const result = await cli('bank', 'import', bad);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('role "qa-engineer" field "name"');
    expect((await cli('bank', 'export')).stdout).not.toContain('qa-engineer');
  }, 60_000);

  it('bank check reports a near-duplicate text and a question without a strong answer, and fails', async () => {
    const file = join(dir, 'dupe.yaml');
    writeFileSync(
      file,
      `questions:
  - id: threads-and-processes-again
    text: What is the difference between processes and threads?
    kind: technical
    competencies: [cs-fundamentals]
    levels: [junior]
    minutes: 5
    source: custom
    guidance: Same as the seed question, asked again.
`,
    );
    expect((await cli('bank', 'import', file)).code).toBe(0);
    const check = await cli('bank', 'check');
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/^Bank check for backend-developer: \d+ questions, \d+ with a strong answer/);
    expect(check.stdout).toMatch(
      /Near-duplicate texts: threads-and-processes-again and threads-vs-processes|Near-duplicate texts: threads-vs-processes and threads-and-processes-again/,
    );
    expect(check.stdout).toMatch(/Without a strong answer \(\d+\): .*threads-and-processes-again/);
    expect(check.stdout.trim()).toMatch(/problems to fix\.$/);
  }, 60_000);
});
