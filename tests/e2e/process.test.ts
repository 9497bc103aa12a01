import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshDatabase } from '../support/database.js';
import { FakeSlack } from '../support/fake-slack.js';
import { freePort, runEntry, startEntry, waitForHealth } from '../support/run.js';

describe('starting the bot', () => {
  it.each([
    [{}, 'SLACK_BOT_TOKEN is missing'],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, 'SLACK_SIGNING_SECRET is missing'],
  ])('with %j prints one line naming the variable and exits 1', async (env, expected) => {
    const cwd = mkdtempSync(join(tmpdir(), 'ia-start-'));
    const result = await runEntry('main.ts', [], env, cwd);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toContain(expected);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('reads .env, starts in HTTP mode and answers /healthz; a wrong token is refused clearly', async () => {
    const slack = await FakeSlack.start();
    const database = await freshDatabase();
    const cwd = mkdtempSync(join(tmpdir(), 'ia-start-'));
    const port = await freePort();
    const where = Object.entries(database.env).map(([name, value]) => `${name}=${value}\n`);
    writeFileSync(
      join(cwd, '.env'),
      `SLACK_BOT_TOKEN=xoxb-test-token\nSLACK_SIGNING_SECRET=s3cret\nSLACK_API_URL=${slack.apiUrl}\n${where.join('')}`,
    );
    const app = startEntry({ PORT: String(port) }, cwd);
    try {
      const res = await waitForHealth(`http://127.0.0.1:${port}/healthz`, app.output);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'ok', database: 'ok' });
      expect(slack.callsTo('auth.test').some((c) => !c.failed)).toBe(true);
      expect(app.output()).not.toContain('xoxb-test-token');
    } finally {
      app.child.kill('SIGTERM');
      await new Promise((r) => app.child.once('exit', r));
    }

    const wrong = await runEntry(
      'main.ts',
      [],
      {
        SLACK_BOT_TOKEN: 'xoxb-wrong',
        SLACK_SIGNING_SECRET: 's',
        SLACK_API_URL: slack.apiUrl,
        PORT: '0',
        ...database.env,
      },
      cwd,
    );
    await slack.close();
    await database.drop();
    expect(wrong.code).toBe(1);
    expect(wrong.stderr.trim()).toContain('Slack rejected SLACK_BOT_TOKEN');
    expect(wrong.stderr).not.toContain('xoxb-wrong');
  });
});
