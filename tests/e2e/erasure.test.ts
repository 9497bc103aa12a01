import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION, DECISION } from '../../src/slack/ids.js';
import {
  ADMIN,
  allText,
  CHANNEL,
  interviewThatTookPlace,
  LEAD,
  openScorecardModal,
  outboxIdle,
  PANEL,
  scorecardState,
  seedWorkspace,
} from '../support/flows.js';
import { startTestApp, type TestApp } from '../support/harness.js';
import { runEntry } from '../support/run.js';
import { plainText, stateValues } from '../support/slack-requests.js';

const P1 = PANEL[0] ?? '';
const P2 = PANEL[1] ?? '';
const HOUR = 3_600_000;
/** The candidate, however a busy interviewer writes them. */
const NAME = /\b(ada|lovelace)\b/i;

describe('forgetting a candidate leaves no message and no stored text naming them', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ env: { DEFAULT_DECISION_CHANNEL: CHANNEL, ADMIN_USER_IDS: ADMIN } });
    seedWorkspace(t);
    await interviewThatTookPlace(t, {
      panelists: [P1, P2],
      candidate: 'Ada Lovelace',
      duration: 60,
      notes: 'Prefers mornings.\nada asked for a late slot ("Ada, not Adeline").',
    });
  });
  afterEach(async () => {
    await t.close();
  });

  const submit = async (userId: string, takeaways: string, note: string) => {
    const view = await openScorecardModal(t, userId, 1);
    const noteIds = (view.blocks as { block_id?: string }[])
      .flatMap((b) => (b.block_id?.startsWith('note:') ? [b.block_id.slice(5)] : []))
      .slice(0, 1);
    await t.sender.viewSubmission({
      userId,
      view: {
        from: view,
        state: scorecardState(view, { takeaways, notes: Object.fromEntries(noteIds.map((id) => [id, note])) }),
      },
    });
    await outboxIdle(t);
  };
  const everyMessage = () => [CHANNEL, P1, P2, LEAD].map((c) => allText(t.slack.messagesIn(c))).join('\n');
  const storedText = async () => {
    const tables = [
      'candidates',
      'interviews',
      'scorecards',
      'scorecard_notes',
      'scorecard_revisions',
      'decisions',
      'outbox',
      'audit_log',
    ] as const;
    return JSON.stringify(
      await Promise.all(tables.map((table) => t.handle.db.selectFrom(table).selectAll().execute())),
    );
  };

  it('edits the reminder and escalation DMs too, and scrubs the name in every form from notes, revisions and exports', async () => {
    await submit(P1, '"Ada" reasoned well.\nLOVELACE’s indexes were sound.', 'ada explained the trade-off');
    await submit(P1, 'Lovelace’s second look: still sound.', 'Ada, again, explained it');
    // P2 is late: reminded after a day, the lead told after two.
    t.clock.set(new Date(t.clock.now().getTime() + 25 * HOUR));
    expect((await t.runDueWork()).reminders).toBe(1);
    t.clock.set(new Date(t.clock.now().getTime() + 24 * HOUR));
    expect((await t.runDueWork()).escalations).toBe(1);
    await outboxIdle(t);
    const reminder = t.slack.messagesIn(P2).find((m) => allText(m).includes('Reminder'));
    const escalation = t.slack.messagesIn(LEAD).find((m) => allText(m).includes('are late'));
    expect(allText(reminder)).toContain('Ada Lovelace');
    expect(allText(escalation)).toContain('Ada Lovelace');
    // Once P2 submits, the reminder and the escalation have lost their reason: they must still be edited.
    await submit(P2, 'Solid. ada would fit.', 'Good answer from Ada.');
    const parent = t.slack.messagesIn(CHANNEL).find((m) => !m.thread_ts);
    const click = await t.sender.blockAction({
      userId: LEAD,
      actionId: 'decide_hire',
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
        state: stateValues([DECISION.rationale, DECISION.rationale, plainText('Hire ADA LOVELACE: both say yes.')]),
      },
    });
    await outboxIdle(t);
    expect(everyMessage()).toMatch(NAME);

    const asked = await t.sender.slashCommand({ userId: LEAD, text: 'forget Ada Lovelace' });
    const button = (asked.json as { blocks: { elements?: { action_id: string; value: string }[] }[] }).blocks
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === ACTION.forgetConfirm);
    await t.sender.blockAction({
      userId: LEAD,
      actionId: ACTION.forgetConfirm,
      value: button?.value ?? '',
      isEphemeral: true,
    });
    await t.slack.waitForCall('response_url', (c) => allText(c.args).includes('Erased candidate'));
    await outboxIdle(t);

    expect(everyMessage()).not.toMatch(NAME);
    const reminderNow = t.slack.messagesIn(P2).find((m) => m.ts === reminder?.ts);
    expect(reminderNow?.edited).toBe(true);
    expect(allText(reminderNow)).toContain('Candidate #1 (erased)');
    const escalationNow = t.slack.messagesIn(LEAD).find((m) => m.ts === escalation?.ts);
    expect(escalationNow?.edited).toBe(true);
    expect(allText(escalationNow)).toContain('Candidate #1 (erased)');
    expect(allText(escalationNow)).toContain('are in now');

    const stored = await storedText();
    expect(stored).not.toMatch(NAME);
    expect(stored).toContain('[erased] asked for a late slot (\\"[erased], not Adeline\\")');
    expect(stored).toContain('[erased]’s indexes were sound.');
    const revisions = await t.handle.db.selectFrom('scorecard_revisions').select('content').execute();
    expect(revisions.length).toBeGreaterThanOrEqual(2);
    for (const r of revisions) expect(() => JSON.parse(r.content)).not.toThrow();

    for (const format of ['json', 'csv']) {
      const exported = await runEntry('cli.ts', ['export', '1', '--format', format], {
        ...t.database.env,
      });
      expect(exported.code).toBe(0);
      // The JSON carries the scrubbed notes; the CSV is one row per rating, which holds no free text.
      if (format === 'json') expect(exported.stdout).toContain('[erased]');
      expect(exported.stdout).not.toMatch(NAME);
    }
  });
});

const ROOT = join(import.meta.dirname, '..', '..');
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Runs the CLI on a terminal (util-linux `script` gives it one), typing `input`, as a person at a shell would. */
function cliOnTerminal(args: string[], env: Record<string, string>, input: string) {
  const command = [process.execPath, '--import', import.meta.resolve('tsx'), join(ROOT, 'src', 'cli.ts'), ...args]
    .map(quote)
    .join(' ');
  return new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TERM: 'dumb', ...env },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Type yes to erase')) child.stdin.end(input);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('forget and export on the command line', () => {
  let t: TestApp;
  let env: Record<string, string>;
  beforeEach(async () => {
    t = await startTestApp({ env: { DEFAULT_DECISION_CHANNEL: CHANNEL } });
    seedWorkspace(t);
    await interviewThatTookPlace(t, { panelists: [P1], candidate: 'Ada Lovelace' });
    await outboxIdle(t);
    env = t.database.env;
  });
  afterEach(async () => {
    await t.close();
  });
  const candidateName = async () =>
    (await t.handle.db.selectFrom('candidates').select('name').executeTakeFirstOrThrow()).name;

  it('without a terminal, forget refuses in one line unless --yes is given', async () => {
    const refused = await runEntry('cli.ts', ['forget', 'Ada Lovelace'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toContain('pass --yes');
    expect(await candidateName()).toBe('Ada Lovelace');
    const done = await runEntry('cli.ts', ['forget', 'Ada Lovelace', '--yes'], env);
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/Erased candidate #1's personal data; \d+ Slack messages? will be edited/);
    expect(await candidateName()).toBeNull();
  });

  it('on a terminal, forget says whom it will erase and erases only after "yes"', async () => {
    const declined = await cliOnTerminal(['forget', 'ada lovelace'], env, 'no\n');
    expect(declined.output).toContain('Erase the personal data of "ada lovelace" (candidate #1, 1 loop)?');
    expect(declined.output).toContain('Nothing was erased.');
    expect(declined.code).toBe(1);
    expect(await candidateName()).toBe('Ada Lovelace');
    const confirmed = await cliOnTerminal(['forget', 'ada lovelace'], env, 'yes\n');
    expect(confirmed.output).toContain("Erased candidate #1's personal data");
    expect(confirmed.code).toBe(0);
    expect(await candidateName()).toBeNull();
  });

  it('exports by candidate name or by the interview number Slack shows, as well as by loop', async () => {
    const byLoop = await runEntry('cli.ts', ['export', 'loop', '1', '--format', 'json'], env);
    expect(byLoop.code).toBe(0);
    const record = JSON.parse(byLoop.stdout) as { loop: { id: number; candidate: string } };
    expect(record.loop).toMatchObject({ id: 1, candidate: 'Ada Lovelace' });
    for (const target of [['ada lovelace'], ['interview', '#1']]) {
      const result = await runEntry('cli.ts', ['export', ...target, '--format', 'json'], env);
      expect(result.stderr, target.join(' ')).toBe('');
      expect(result.stdout, target.join(' ')).toBe(byLoop.stdout);
    }
    const unknown = await runEntry('cli.ts', ['export', 'Grace Hopper', '--format', 'json'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim()).toBe('Error: No candidate named "Grace Hopper" (or their data was erased).');
    const noInterview = await runEntry('cli.ts', ['export', 'interview', '99', '--format', 'json'], env);
    expect(noInterview.code).toBe(1);
    expect(noInterview.stderr.trim()).toBe('Error: There is no interview #99.');
  }, 40_000);
});
