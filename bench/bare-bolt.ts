// The baseline: a Bolt app on the same receiver as the real one (HTTPReceiver, same signing secret and body
// limit, same token verification against the Web API stand-in) whose handlers only ack. Run as a child process.
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';

const receiver = new HTTPReceiver({
  signingSecret: process.env.SLACK_SIGNING_SECRET ?? '',
  endpoints: '/slack/events',
  bodyLimit: 1024 * 1024,
  customRoutes: [
    {
      path: '/healthz',
      method: ['GET'],
      handler: (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"status":"ok"}');
      },
    },
  ],
});
const app = new App({
  token: process.env.SLACK_BOT_TOKEN ?? '',
  receiver,
  logLevel: LogLevel.WARN,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL ?? '' },
  deferInitialization: true,
});
app.command('/interview', async ({ ack }) => {
  await ack();
});
app.view('scorecard', async ({ ack }) => {
  await ack();
});
await app.init();
await app.start(Number(process.env.PORT ?? 0));
process.once('SIGTERM', () => {
  void app.stop().finally(() => process.exit(0));
});
