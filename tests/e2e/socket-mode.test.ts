import { describe, expect, it } from 'vitest';
import { FakeSlack } from '../support/fake-slack.js';
import { APP_TOKEN, FakeSocketMode } from '../support/fake-socket-mode.js';
import { startTestApp } from '../support/harness.js';

describe('Socket Mode', () => {
  it('connects with SLACK_APP_TOKEN and answers /interview over the socket, with /healthz still served', async () => {
    const slack = await FakeSlack.start();
    const socket = await FakeSocketMode.start(slack);
    const t = await startTestApp({ slack, env: { SLACK_APP_TOKEN: APP_TOKEN, SLACK_SIGNING_SECRET: '' } });
    try {
      await socket.connected();
      const ack = await socket.deliver('slash_commands', {
        command: '/interview',
        text: 'help',
        user_id: 'U0ADA',
        channel_id: 'D0ADA',
        team_id: 'T0001',
        response_url: slack.responseUrl('socket'),
        trigger_id: '1.2.3',
      });
      expect(ack.payload?.response_type).toBe('ephemeral');
      expect(JSON.stringify(ack.payload)).toContain('How to use /interview');
      const health = await fetch(`${t.baseUrl}/healthz`);
      expect(health.status).toBe(200);
      expect(slack.callsTo('apps.connections.open').some((c) => !c.failed)).toBe(true);
    } finally {
      await t.close();
      await socket.close();
    }
  });
});
