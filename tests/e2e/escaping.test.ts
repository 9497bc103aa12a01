import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allText } from '../support/flows.js';
import { startTestApp, type TestApp } from '../support/harness.js';
import { badSequences } from '../support/mrkdwn-check.js';

describe('mrkdwn escaping', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('/interview help shows its placeholders as text, not as Slack links', async () => {
    const res = await t.sender.slashCommand({ userId: 'U0ADA', text: 'help' });
    const text = allText(res.json);
    expect(text).toContain('`questions &lt;interview #|candidate&gt;`');
    expect(text).toContain('`/interview status &lt;candidate&gt;`');
    expect(text).toContain('`/interview reschedule &lt;interview #&gt; &lt;when&gt;`');
    expect(badSequences(text)).toEqual([]);
  });

  it.each([
    ['an unknown subcommand', 'frob&lt;!channel&gt;', 'frob&lt;!channel&gt;'],
    ['an ad hoc kit with an unknown word', 'questions senior 45m &lt;b&gt;', '"&lt;b&gt;"'],
    ['a status of nobody', 'status &lt;!here&gt; Ada', '"&lt;!here&gt; Ada"'],
    ['a cancel of no number', 'cancel &lt;https://evil.example|click&gt;', '&lt;https://evil.example|click&gt;'],
    ['a kit of nobody', 'questions &lt;@U0ADA&gt;x', '&lt;@U0ADA&gt;x'],
  ])('quotes what was typed, escaped, in %s', async (_name, typed, shown) => {
    const res = await t.sender.slashCommand({ userId: 'U0ADA', text: typed });
    const text = allText(res.json);
    expect(text).toContain(shown);
    expect(text).not.toMatch(/<!(channel|here)>|<https:\/\/evil/);
  });
});
