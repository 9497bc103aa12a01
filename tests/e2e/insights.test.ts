import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  allText,
  CHANNEL,
  commandReply,
  interviewThatTookPlace,
  LEAD,
  OUTSIDER,
  openScorecardModal,
  PANEL,
  scorecardState,
  seedWorkspace,
  sendEvent,
} from '../support/flows.js';
import { startTestApp, type TestApp } from '../support/harness.js';
import { type History, rebuildInsight, writeHistory } from '../support/insight-history.js';

describe('/interview insights and the admin section of App Home', () => {
  let t: TestApp;
  let history: History;
  const ask = async (userId: string, text: string) => {
    const res = await t.sender.slashCommand({ userId, text });
    return commandReply(t, res);
  };
  beforeAll(async () => {
    t = await startTestApp({ env: { ADMIN_USER_IDS: ADMIN } });
    seedWorkspace(t);
    // Half the loops are LEAD's, the others another lead's.
    history = await writeHistory(t.handle.db, {
      loops: 160,
      end: t.clock.now(),
      leadOf: (loop) => (loop % 2 === 0 ? LEAD : 'U0OTHERLEAD'),
    });
    await rebuildInsight(t.handle.db, t.clock.now());
  });
  afterAll(async () => {
    await t.close();
  });

  it('an interviewer sees their own leniency in words, with its n and interval, and nobody else’s', async () => {
    const reply = allText(await ask(history.lenient, 'insights me'));
    expect(reply).toMatch(
      /You rate about (a quarter of a point|half a point|three quarters of a point) above the rest of the panel, from \d+ shared ratings \(\+0\.\d\d, 95% interval/,
    );
    expect(reply).toContain('Only you and admins see these figures');
    // Scorecards on time: completion and the median hours from the interview's end to the first submission.
    expect(reply).toMatch(/Submitted (\d+) of \1 scorecards owed \(100%, 95% interval \d+% to 100%\)/);
    expect(reply).toMatch(
      /You submit scorecards a median of \d+ hours after the interview \(95% interval \d+ to \d+ hours, from \d+ scorecards\)/,
    );
    expect(reply).not.toContain(history.severe);
  });

  it('an admin sees agreement, the interviewers off their panels and the questions to review', async () => {
    const reply = allText(await ask(ADMIN, 'insights'));
    expect(reply).toMatch(/Panels agree \w+ on all competencies \(Krippendorff's α 0\.\d\d/);
    expect(reply).toContain(`<@${history.lenient}> rates`);
    expect(reply).toContain(`<@${history.severe}> rates`);
    expect(reply).toContain(`\`${history.noisyQuestion}\``);
    expect(reply).toContain('panels disagree persistently');
    expect(reply).toContain('never answered well at any level');
    expect(reply).toContain('*Scorecards*');
    expect(reply).toMatch(/The panels submit scorecards a median of \d+ hours after the interview \(95% interval/);
    expect(reply).toMatch(/<@U\d+> submits scorecards a median of \d+ hours/);
  });

  it('one question: exposure, agreement, exploratory separation, for review', async () => {
    const reply = allText(await ask(ADMIN, `insights question ${history.noisyQuestion}`));
    expect(reply).toMatch(/Asked \d+ times/);
    expect(reply).toContain('Panels barely agree on the competencies it probed');
    expect(reply).toContain('Exploratory:');
    expect(reply).toContain('For review in the bank');
    const unknown = allText(await ask(ADMIN, 'insights question no-such-question'));
    expect(unknown).toContain('No askings of a question `no-such-question`');
  });

  it('a hiring lead sees the figures of the loops they lead, without anyone’s leniency', async () => {
    const reply = allText(await ask(LEAD, 'insights'));
    expect(reply).toContain('From the loops you lead');
    expect(reply).not.toContain('*Interviewers*');
    expect(reply).not.toContain(`<@${history.lenient}>`);
    const panel = allText(await ask(LEAD, 'insights panel'));
    expect(panel).toContain('Agreement of panels');
    // Beside agreement, the spread within one panel: its average deviation, in words first.
    expect(panel).toMatch(
      /Within one panel, ratings of a competency are (close together|somewhat apart|far apart): on average 0\.\d\d points from the panel's mean \(average deviation, 95% interval 0\.\d\d to 0\.\d\d, from \d+ panels\)/,
    );
    expect(reply).toMatch(/The panels submit scorecards a median of/);
    expect(reply).not.toMatch(/<@U\d+> submits/);
  });

  it('anyone else is told what they can see instead', async () => {
    const reply = allText(await ask(OUTSIDER, 'insights'));
    expect(reply).toContain('are for admins and hiring leads');
    expect(reply).toContain('/interview insights me');
    const typo = allText((await t.sender.slashCommand({ userId: OUTSIDER, text: 'insights everyone' })).json);
    expect(typo).toContain('insights me');
  });

  it('the bank summary lists the questions to review for admins; kits still ask them until one is retired', async () => {
    const kit = async () =>
      allText((await t.sender.slashCommand({ userId: OUTSIDER, text: 'questions senior behavioral 60m' })).json);
    const before = await kit();
    await ask(ADMIN, 'insights');
    const admin = allText((await t.sender.slashCommand({ userId: ADMIN, text: 'bank' })).json);
    expect(admin).toContain('*For review* (from the interview insight): 2 questions');
    expect(admin).toContain(`\`${history.noisyQuestion}\``);
    expect(admin).toContain(`\`${history.hardQuestion}\``);
    const outsider = allText((await t.sender.slashCommand({ userId: OUTSIDER, text: 'bank' })).json);
    expect(outsider).not.toContain('For review');
    expect(await kit()).toBe(before);
  });

  it('App Home has an insight section for admins only', async () => {
    await sendEvent(t, { type: 'app_home_opened', user: ADMIN, channel: 'D0ADMIN', tab: 'home', event_ts: '1.2' });
    const admin = await t.slack.waitForCall('views.publish', (c) => c.args.user_id === ADMIN);
    expect(allText(admin.args.view)).toContain('*Interview insight* (admins)');
    expect(allText(admin.args.view)).toMatch(/\d+ questions? listed for review in the bank/);
    await sendEvent(t, { type: 'app_home_opened', user: LEAD, channel: 'D0LEAD', tab: 'home', event_ts: '1.3' });
    const lead = await t.slack.waitForCall('views.publish', (c) => c.args.user_id === LEAD);
    expect(allText(lead.args.view)).not.toContain('Interview insight');
  });

  it('a scorecard submitted counts from the next background round of the ledger; no report builds anything', async () => {
    const panelist = PANEL[0] ?? '';
    await interviewThatTookPlace(t, { panelists: [panelist, PANEL[1] ?? ''], channel: CHANNEL });
    expect(allText(await ask(panelist, 'insights me'))).not.toContain('scorecard owed');
    const view = await openScorecardModal(t, panelist);
    await t.sender.viewSubmission({ userId: panelist, view: { from: view, state: scorecardState(view) } });
    await t.refreshInsight();
    const after = allText(await ask(panelist, 'insights me'));
    // Held back below 10 scorecards, with how many more are needed.
    expect(after).toContain('Completion: Not shown yet: 1 scorecard owed so far, 9 more needed.');
    expect(after).toContain('Time to submit: Not shown yet: 1 scorecard submitted so far, 9 more needed.');
  });
});
