// `npm run docs:pictures`: renders the README's pictures from the app's real payloads. It runs the real app against
// the Web API stand-in of the tests (a fixed clock, a fresh database), walks a loop through Slack requests as
// Slack sends them, takes the blocks the app sent, draws them as HTML (scripts/block-kit-html.ts) and photographs
// each page with Debian's headless Chromium. What the pictures show is what the app sends, nothing typed by hand.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ACTION, DECISION } from '../src/slack/ids.js';
import {
  CHANNEL,
  LEAD,
  openScorecardModal,
  outboxIdle,
  PANEL,
  schedule,
  scorecardState,
  seedWorkspace,
} from '../tests/support/flows.js';
import { startTestApp, TestClock } from '../tests/support/harness.js';
import { plainText, stateValues } from '../tests/support/slack-requests.js';
import { conversationPage, type Message, modalPage, type Names } from './block-kit-html.js';

const OUT = resolve('docs/pictures');
const WIDTH = 760;
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--hide-scrollbars',
];

function chromium(): string {
  const candidates = [process.env.CHROMIUM, 'chromium', 'chromium-browser'].filter(Boolean) as string[];
  for (const bin of candidates) {
    try {
      execFileSync(bin, ['--version'], { stdio: 'ignore' });
      return bin;
    } catch {}
  }
  console.error(
    'Chromium was not found. Install Debian’s headless Chromium with `apt-get update && apt-get install -y chromium` (or set CHROMIUM to its path), then run `npm run docs:pictures` again.',
  );
  process.exit(1);
}

/** Photographs one page: a first run measures its height, the second takes the picture at that height. */
function photograph(bin: string, html: string, file: string): void {
  const work = mkdtempSync(join(tmpdir(), 'docs-pictures-'));
  try {
    const page = join(work, 'page.html');
    const measured = html.replace(
      '</body>',
      '<script>document.body.setAttribute("data-height", String(Math.ceil(document.body.firstElementChild.getBoundingClientRect().bottom) + 16))</script></body>',
    );
    writeFileSync(page, measured);
    const run = (extra: string[]) =>
      execFileSync(bin, [...FLAGS, `--user-data-dir=${join(work, 'profile')}`, ...extra, `file://${page}`], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
        maxBuffer: 64 * 1024 * 1024,
      });
    const dom = run([`--window-size=${WIDTH},2000`, '--dump-dom']);
    const height = Number(/data-height="(\d+)"/.exec(dom)?.[1] ?? 2000);
    writeFileSync(page, html);
    run([`--window-size=${WIDTH},${Math.min(height, 12000)}`, `--screenshot=${file}`]);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const P1 = PANEL[0] ?? '';
const P2 = PANEL[1] ?? '';
const names: Names = {
  users: { [LEAD]: 'Maya (hiring lead)', [P1]: 'Jonas', [P2]: 'Priya', U0OUTSIDER: 'Sam' },
  channels: { [CHANNEL]: 'hiring-backend' },
};

async function payloads() {
  const start = new Date('2026-03-04T10:00:00Z');
  const t = await startTestApp({
    env: { DEFAULT_DECISION_CHANNEL: CHANNEL, DEFAULT_TIMEZONE: 'Europe/London' },
    clock: new TestClock(new Date('2026-03-02T09:00:00Z')),
  });
  try {
    seedWorkspace(t);
    await schedule(t, {
      panelists: [P1, P2],
      candidate: 'Ada Lovelace',
      duration: 60,
      start: start.getTime() / 1000,
      notes: 'Ada is joining by video; the link is in the calendar invite.',
    });
    await outboxIdle(t);
    const dm = (userId: string, has: string) =>
      t.slack.messagesIn(userId).find((m) => JSON.stringify(m.blocks ?? []).includes(has));
    const kitDm = dm(P1, 'Your questions');

    await t.sender.blockAction({ userId: P1, actionId: ACTION.openKitGuidance, value: 'interview:1' });
    const guidance = (await t.slack.waitForCall('views.open')).args.view as Record<string, unknown>;

    const adHocRes = await t.sender.slashCommand({ userId: P1, text: 'questions senior technical 45m' });
    const adHoc = adHocRes.json as Message;

    t.clock.set(new Date(start.getTime() - 15 * 60_000));
    await t.runDueWork();
    const reminder = dm(P1, 'Take notes');

    t.clock.set(new Date(start.getTime() + 65 * 60_000));
    await t.runDueWork();
    const submit = async (userId: string, takeaways: string, recommendation: string, rating: string) => {
      const view = await openScorecardModal(t, userId, 1);
      const ratings = Object.fromEntries(
        (view.blocks as { block_id?: string }[])
          .filter((b) => b.block_id?.startsWith('rating:'))
          .map((b) => [b.block_id?.slice(7) ?? '', rating]),
      );
      await t.sender.viewSubmission({
        userId,
        view: { from: view, state: scorecardState(view, { takeaways, recommendation, ratings }) },
      });
      await outboxIdle(t);
      return view;
    };
    const scorecard = await submit(
      P1,
      'Clear about trade-offs; designed the rate limiter from first principles.',
      'yes',
      '3',
    );
    await submit(P2, 'Strong on data modelling; explained the slow query fix step by step.', 'strong_yes', '4');
    const parent = t.slack.messagesIn(CHANNEL).find((m) => !m.thread_ts);
    const click = await t.sender.blockAction({
      userId: LEAD,
      actionId: `${ACTION.decidePrefix}hire`,
      value: '1',
      message: { ts: parent?.ts ?? '', blocks: parent?.blocks ?? [] },
      channel: CHANNEL,
    });
    const modal = (await t.slack.waitForCall('views.open', (c) => c.args.trigger_id === click.sent?.trigger_id))
      .response?.view as Record<string, unknown>;
    await t.sender.viewSubmission({
      userId: LEAD,
      view: {
        from: modal,
        state: stateValues([
          DECISION.rationale,
          DECISION.rationale,
          plainText('Both panelists say hire; strong on design and data.'),
        ]),
      },
    });
    await outboxIdle(t);
    const channel = t.slack.messagesIn(CHANNEL);
    const top = channel.find((m) => !m.thread_ts);
    const thread: Message = {
      blocks: top?.blocks,
      text: top?.text,
      replies: channel.filter((m) => m.thread_ts && m.thread_ts === top?.ts),
    };
    return { kitDm, guidance, adHoc, reminder, scorecard, thread };
  } finally {
    await t.close();
  }
}

const bin = chromium();
const p = await payloads();
mkdirSync(OUT, { recursive: true });
const pictures: [string, string][] = [
  ['kit-dm.png', conversationPage(`@${names.users[P1]} · Interview Assistant (DM)`, [p.kitDm ?? {}], names)],
  ['kit-guidance.png', modalPage(p.guidance, names)],
  [
    'ad-hoc-kit.png',
    conversationPage('/interview questions senior technical 45m (only visible to you)', [p.adHoc], names),
  ],
  ['kit-reminder.png', conversationPage(`@${names.users[P1]} · Interview Assistant (DM)`, [p.reminder ?? {}], names)],
  ['scorecard-modal.png', modalPage(p.scorecard, names)],
  ['decision-thread.png', conversationPage(`#${names.channels[CHANNEL]}`, [p.thread], names)],
];
for (const [file, html] of pictures) {
  photograph(bin, html, join(OUT, file));
  console.log(`docs/pictures/${file} (${Math.round(readFileSync(join(OUT, file)).length / 1024)} KB)`);
}
