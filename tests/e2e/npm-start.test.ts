import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeSlack } from '../support/fake-slack.js';
import { freePort, startNpm, waitForHealth } from '../support/run.js';

describe('npm start', () => {
  it('builds and runs the bot, healthy on PORT', async () => {
    const slack = await FakeSlack.start();
    const dir = mkdtempSync(join(tmpdir(), 'ia-npm-'));
    const port = await freePort();
    const app = startNpm({
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: 's3cret',
      SLACK_API_URL: slack.apiUrl,
      PORT: String(port),
      DATABASE_PATH: join(dir, 'db.sqlite'),
    });
    try {
      const res = await waitForHealth(`http://127.0.0.1:${port}/healthz`, app.output, 300);
      expect(await res.json()).toMatchObject({ status: 'ok', database: 'ok' });
      expect(app.output()).toContain(`listening on :${port}`);
    } finally {
      if (app.child.pid) process.kill(-app.child.pid, 'SIGTERM');
      await new Promise((r) => app.child.once('exit', r));
      await slack.close();
    }
  });
});
