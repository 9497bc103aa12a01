import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeSlack } from '../support/fake-slack.js';
import { startNpm } from '../support/run.js';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, output: () => string, tries = 100): Promise<Response> {
  for (let i = 0; i < tries; i++) {
    try {
      return await fetch(url);
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`the app never became healthy; it printed:\n${output()}`);
}

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
