import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync, utimesSync } from 'node:fs';
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

  it('compiles only when a source changed: a file saved again unchanged costs one build, not one every start', () => {
    const root = join(import.meta.dirname, '..', '..');
    const stamp = join(root, 'dist', '.tsbuildinfo');
    const build = () => execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root });
    build();
    const saved = new Date(statSync(stamp).mtimeMs + 10);
    utimesSync(join(root, 'src', 'main.ts'), saved, saved);
    build();
    const rebuilt = statSync(stamp).mtimeMs;
    expect(rebuilt).toBeGreaterThanOrEqual(saved.getTime());
    build();
    expect(statSync(stamp).mtimeMs).toBe(rebuilt);
  });
});
