import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION, DECISION } from '../../src/slack/ids.js';
import {
  allText,
  CHANNEL,
  LEAD,
  OUTSIDER,
  openScorecardModal,
  outboxIdle,
  PANEL,
  schedule,
  scorecardState,
  seedWorkspace,
} from '../support/flows.js';
import { startTestApp, type TestApp } from '../support/harness.js';
import { plainText, stateValues } from '../support/slack-requests.js';

const [P1 = '', P2 = '', P3 = '', P4 = ''] = PANEL;
const HOUR = 3_600_000;

describe('a three-person panel: every probed competency rated by everyone, a summary a lead can decide from', () => {
  let t: TestApp;
  let start: number;
  beforeEach(async () => {
    t = await startTestApp({ env: { DEFAULT_DECISION_CHANNEL: CHANNEL } });
    seedWorkspace(t);
    start = t.clock.now().getTime() + HOUR;
    await schedule(t, { panelists: [P1, P2, P3], candidate: 'Ada Lovelace', duration: 60, start: start / 1000 });
    await outboxIdle(t);
  });
  afterEach(async () => {
    await t.close();
  });

  const submit = async (userId: string, interviewId: number, recommendation: string, rating: string, note = '') => {
    const view = await openScorecardModal(t, userId, interviewId);
    const blocks = view.blocks as { block_id?: string }[];
    const ratings = Object.fromEntries(
      blocks.filter((b) => b.block_id?.startsWith('rating:')).map((b) => [b.block_id?.slice(7) ?? '', rating]),
    );
    const firstNote = blocks.find((b) => b.block_id?.startsWith('note:'))?.block_id?.slice(5) ?? '';
    const res = await t.sender.viewSubmission({
      userId,
      view: {
        from: view,
        state: scorecardState(view, {
          takeaways: `${userId} takeaway.`,
          recommendation,
          ratings,
          notes: note ? { [firstNote]: note } : {},
        }),
      },
    });
    expect(res.body).toBe('');
    await outboxIdle(t);
  };
  const parent = () => t.slack.messagesIn(CHANNEL).find((m) => !m.thread_ts);
  const summaries = () => t.slack.messagesIn(CHANNEL).filter((m) => allText(m).includes('Panel summary'));
  const decisionModal = async () => {
    const p = parent();
    const click = await t.sender.blockAction({
      userId: LEAD,
      actionId: `${ACTION.decidePrefix}hire`,
      value: '1',
      message: { ts: p?.ts ?? '', blocks: p?.blocks ?? [] },
      channel: CHANNEL,
    });
    return (await t.slack.waitForCall('views.open', (c) => c.args.trigger_id === click.sent?.trigger_id)).response
      ?.view as Record<string, unknown>;
  };

  it('gives each probed competency three ratings, flags the split, tells the lead, and says what an edit changed', async () => {
    // Before the interview: the decision form says plainly that nobody has submitted.
    expect(allText(await decisionModal())).toContain('Nobody on the panel has submitted a scorecard yet* (0/3)');
    expect(allText(parent())).toContain('Feedback stays blind until every scorecard is in');

    t.clock.set(new Date(start + 1.1 * HOUR));
    await submit(P1, 1, 'strong_yes', '4', 'Clear on indexes.');
    const soFar = allText(await decisionModal());
    expect(soFar).toContain('What the panel said* (1/3)');
    expect(soFar).toContain(`Still to submit: <@${P2}> (#1), <@${P3}> (#1)`);
    await submit(P2, 1, 'yes', '3');
    expect(summaries()).toHaveLength(0);
    await submit(P3, 1, 'no', '2');

    // Every competency any question probed has a rating from each of the three.
    const probed = new Set(
      (await t.handle.db.selectFrom('interview_panelists').select('focus').execute()).flatMap(
        (p) => JSON.parse(p.focus) as string[],
      ),
    );
    const rows = await t.handle.db.selectFrom('scorecard_ratings').select(['competency_id', 'rating']).execute();
    for (const competency of probed) {
      expect(rows.filter((r) => r.competency_id === competency && r.rating !== null)).toHaveLength(3);
    }
    expect(new Set(rows.map((r) => r.competency_id))).toEqual(probed);

    const [summary] = summaries();
    const text = allText(summary);
    expect(summary?.thread_ts).toBe(parent()?.ts);
    expect(text).toContain(`<@${LEAD}>, every scorecard is in: the decision is yours.`);
    expect(text).toContain('Strong hire *1* · Hire *1* · No hire *1* · Strong no hire *0*');
    expect(text).toContain('Split recommendation');
    expect(text).toContain(`<@${P1}> *Strong hire* · <@${P2}> *Hire* · <@${P3}> *No hire*`);
    expect(text).toMatch(
      new RegExp(`disagreement\\*: mean 3\\.0 · spread 2 · 3 ratings\\n\\s+<@${P1}> 4★?, <@${P2}> 3★?, <@${P3}> 2★?`),
    );
    expect(text).toContain(`${P3} takeaway.`);
    expect(allText(parent())).toContain(
      'Every scorecard is in: the panel’s summary, ratings included, is in this thread.',
    );

    // The lead is told by DM, with the tally and a link to the summary.
    const dm = allText(t.slack.messagesIn(LEAD).filter((m) => allText(m).includes('Every scorecard for')));
    expect(dm).toContain('Every scorecard for Ada Lovelace is in.');
    expect(dm).toContain('Strong hire *1* · Hire *1* · No hire *1*');
    expect(dm).toContain('The panel is split');
    expect(dm).toMatch(
      /<https:\/\/slack\.com\/archives\/C0HIRING\/p\d+\?thread_ts=[\d.]+&cid=C0HIRING\|Open the summary/,
    );

    // Full scorecards: for the lead, notes included; someone outside the loop is told why not.
    const full = await t.sender.blockAction({
      userId: LEAD,
      actionId: ACTION.fullScorecards,
      value: '1',
      message: { ts: summary?.ts ?? '', blocks: summary?.blocks ?? [] },
      channel: CHANNEL,
    });
    const modal = await t.slack.waitForCall('views.open', (c) => c.args.trigger_id === full.sent?.trigger_id);
    expect(allText(modal.args.view)).toContain('Clear on indexes.');
    expect(allText(modal.args.view)).toContain(`${P2} takeaway.`);
    await t.sender.blockAction({
      userId: OUTSIDER,
      actionId: ACTION.fullScorecards,
      value: '1',
      message: { ts: summary?.ts ?? '', blocks: summary?.blocks ?? [] },
      channel: CHANNEL,
    });
    await outboxIdle(t);
    const refusal = await t.slack.waitForCall('chat.postMessage', (c) => c.args.channel === OUTSIDER);
    expect(allText(refusal.args)).toContain(
      'full scorecards open for the hiring lead and for panelists who have submitted',
    );

    // An edit after the summary says in the thread what changed, and the summary follows.
    await submit(P2, 1, 'strong_yes', '3');
    expect(allText(t.slack.messagesIn(CHANNEL))).toContain(
      `<@${P2}> changed their recommendation from Hire to Strong hire`,
    );
    expect(allText(summaries()[0])).toContain('Strong hire *2* · Hire *0* · No hire *1*');
  });

  it('another round: the old summary is hidden with the reason, and a new summary of the whole loop is posted', async () => {
    t.clock.set(new Date(start + 1.1 * HOUR));
    await submit(P1, 1, 'yes', '3');
    await submit(P2, 1, 'yes', '3');
    await submit(P3, 1, 'no', '3');
    const modal = await (async () => {
      const p = parent();
      const click = await t.sender.blockAction({
        userId: LEAD,
        actionId: `${ACTION.decidePrefix}another_round`,
        value: '1',
        message: { ts: p?.ts ?? '', blocks: p?.blocks ?? [] },
        channel: CHANNEL,
      });
      return (await t.slack.waitForCall('views.open', (c) => c.args.trigger_id === click.sent?.trigger_id)).response
        ?.view as Record<string, unknown>;
    })();
    await t.sender.viewSubmission({
      userId: LEAD,
      view: {
        from: modal,
        state: stateValues([DECISION.rationale, DECISION.rationale, plainText('One more: design.')]),
      },
    });
    await outboxIdle(t);
    const second = t.clock.now().getTime() + HOUR;
    const next = await schedule(t, { panelists: [P4], candidate: 'Ada Lovelace', start: second / 1000 });
    await outboxIdle(t);
    const hidden = allText(summaries()[0]);
    expect(hidden).toContain('Hidden again for round 2');
    expect(hidden).toContain(`<@${P4}> (#${next.interviewId}) has not submitted yet`);
    expect(hidden).not.toContain(`${P1} takeaway.`);
    expect(allText(parent())).toContain('Feedback stays blind until every scorecard is in');

    t.clock.set(new Date(second + 1.1 * HOUR));
    await submit(P4, next.interviewId ?? 0, 'strong_yes', '4');
    expect(summaries()).toHaveLength(2);
    const latest = allText(summaries()[1]);
    expect(latest).toContain('Panel summary, round 2: Ada Lovelace');
    expect(latest).toContain('Strong hire *1* · Hire *2* · No hire *1*');
    expect(latest).toContain(`${P4} takeaway.`);
    expect(allText(summaries()[0])).toContain('Round 2 is under way');
    const dms = t.slack.messagesIn(LEAD).filter((m) => allText(m).includes('Every scorecard for'));
    expect(dms).toHaveLength(2);
    expect(allText(dms[1])).toContain('round 2 of Ada Lovelace');
  });
});
