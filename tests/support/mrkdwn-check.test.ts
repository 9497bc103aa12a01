import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlack } from './fake-slack.js';
import { badSequences, takeMrkdwnViolations } from './mrkdwn-check.js';

describe('the stand-in’s mrkdwn check', () => {
  it.each([
    '<@U0LEAD>',
    '<@W123|ada>',
    '<#C0HIRING>',
    '<#C0HIRING|hiring>',
    '<!here>',
    '<!channel>',
    '<!everyone>',
    '<!subteam^S012ABC|@panel>',
    '<!date^1392734382^{date_short} at {time}|Feb 18, 2014>',
    '<!date^1392734382^{date_pretty}^https://example.com|Feb 18>',
    '<https://example.com>',
    '<https://example.com/a?b=c|the thread>',
    '<mailto:ada@example.com|Ada>',
    'Use `/interview status &lt;candidate&gt;`',
    'a -> b, 3 > 2 and Q&amp;A',
  ])('accepts %s', (text) => {
    expect(badSequences(text)).toEqual([]);
  });

  it.each([
    ['`/interview questions <interview #|candidate>`', '<interview #|candidate>'],
    ['`/interview status <candidate>`', '<candidate>'],
    ['reschedule <number> <when>', '<number>'],
    ['a <b>bold</b> tag', '<b>'],
    ['3 < 4', '< 4'],
    ['<@channel>', '<@channel>'],
    ['<javascript:alert(1)|click>', '<javascript:alert(1)|click>'],
  ])('flags %s', (text, sequence) => {
    expect(badSequences(text)).toContain(sequence);
  });

  describe('inside FakeSlack', () => {
    let fake: FakeSlack;
    let client: WebClient;
    beforeEach(async () => {
      fake = await FakeSlack.start();
      client = new WebClient(fake.token, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
      fake.addChannel({ id: 'C100', name: 'hiring' });
    });
    afterEach(async () => {
      await fake.close();
    });

    it('records raw placeholders in a message, a view and a response_url post, but not in plain text', async () => {
      await client.chat.postMessage({ channel: 'C100', text: 'status <candidate>' });
      await client.chat.postMessage({
        channel: 'C100',
        text: 'fine',
        blocks: [
          { type: 'header', text: { type: 'plain_text', text: 'plain <is> fine' } },
          { type: 'context', elements: [{ type: 'mrkdwn', text: 'ctx <when>' }] },
        ],
      });
      await fetch(fake.responseUrl('r1'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'ok', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '<words>' } }] }),
      });
      const found = takeMrkdwnViolations();
      expect(found.map((v) => [v.where, v.sequence])).toEqual([
        ['chat.postMessage', '<candidate>'],
        ['chat.postMessage', '<when>'],
        ['response_url', '<words>'],
      ]);
    });
  });
});
