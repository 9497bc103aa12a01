import { z } from 'zod';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { readBank } from '../db/repositories/bank.js';
import { decisionsOf } from '../db/repositories/decisions.js';
import { getInterview, interviewsOfLoop } from '../db/repositories/interviews.js';
import { kitOf } from '../db/repositories/kits.js';
import { getLoop } from '../db/repositories/loops.js';
import { deliveredRef, refKey } from '../db/repositories/outbox.js';
import { declinedPanelists } from '../db/repositories/participation.js';
import { getScorecard, progressOfLoop } from '../db/repositories/scorecards.js';
import { getProfiles } from '../db/repositories/users.js';
import { kindName } from '../domain/labels.js';
import { candidateLabel } from '../domain/loop.js';
import { escapeMrkdwn } from '../domain/mrkdwn.js';
import { counted } from '../domain/plural.js';
import type { Renderer } from '../jobs/outbox-worker.js';
import { loopState } from '../services/loop-summary.js';
import { loopSummaryRef } from '../services/messages.js';
import { channelAccessBlocks, channelAccessText } from './blocks/channel-access.js';
import { kitReminderBlocks } from './blocks/kit-reminder.js';
import { loopParentBlocks, loopParentText } from './blocks/loop-parent.js';
import { panelistKitBlocks } from './blocks/panelist-kit.js';
import { escalationBlocks, escalationText, scorecardPromptBlocks } from './blocks/scorecard-prompt.js';
import { messageLink, summaryBlocks, summaryReadyText } from './blocks/summary.js';
import { LIMITS, section } from './blocks/text.js';
import { homeViewFor } from './home-view.js';
import { slackTime } from './time.js';

const loopParams = z.object({ loopId: z.number() });
const roundParams = z.object({ loopId: z.number(), round: z.number().int().min(1).default(1) });
const kitParams = z.object({ interviewId: z.number(), userId: z.string(), edit: z.boolean().optional() });
// `edit`: the message was sent and is edited in place (e.g. after an erasure), so it renders whatever the state.
const kitReminderParams = z.object({ interviewId: z.number(), userId: z.string(), startsAt: z.string() });
const escalationParams = z.object({
  interviewId: z.number(),
  late: z.array(z.string()),
  edit: z.boolean().optional(),
});
const channelAccessParams = z.object({
  loopId: z.number(),
  channel: z.string(),
  error: z.string(),
  edit: z.boolean().optional(),
});

/** Message content built from the database when the outbox delivers it, so it is never stale. */
export function createRenderers(config: Config, clock: Clock): Record<string, Renderer> {
  const promptRenderer =
    (kind: 'prompt' | 'reminder'): Renderer =>
    async (db, params) => {
      const { interviewId, userId, edit } = kitParams.parse(params);
      const interview = await getInterview(db, interviewId);
      const loop = interview && (await getLoop(db, interview.loopId));
      if (!interview || !loop) return null;
      const [scorecard, profiles, declined] = await Promise.all([
        getScorecard(db, interviewId, userId),
        getProfiles(db, [userId]),
        declinedPanelists(db, interviewId),
      ]);
      const when = slackTime(interview.startsAt, profiles.get(userId)?.tz ?? config.defaultTimezone);
      const submittedRevision = scorecard?.status === 'submitted' ? scorecard.revision : null;
      // A reminder that lost its reason while queued is not sent at all.
      if (kind === 'reminder' && !edit && (submittedRevision !== null || interview.status === 'cancelled')) return null;
      if (kind === 'reminder' && !edit && declined.has(userId)) return null;
      const blocks = scorecardPromptBlocks({
        loop,
        interview,
        when,
        submittedRevision,
        kind,
        declined: declined.has(userId),
      });
      const text =
        submittedRevision !== null
          ? `You submitted your scorecard for interview #${interviewId}.`
          : `Your scorecard for interview #${interviewId} (${escapeMrkdwn(candidateLabel(loop))}) is due.`;
      return { text, blocks };
    };
  return {
    scorecard_prompt: promptRenderer('prompt'),
    scorecard_reminder: promptRenderer('reminder'),
    scorecard_escalation: async (db, params) => {
      const { interviewId, late, edit } = escalationParams.parse(params);
      const interview = await getInterview(db, interviewId);
      const loop = interview && (await getLoop(db, interview.loopId));
      if (!interview || !loop) return null;
      const [cards, declined] = await Promise.all([
        Promise.all(late.map((userId) => getScorecard(db, interviewId, userId))),
        declinedPanelists(db, interviewId),
      ]);
      const stillLate = late.filter((userId, i) => cards[i]?.status !== 'submitted' && !declined.has(userId));
      if (!edit && (stillLate.length === 0 || interview.status === 'cancelled')) return null;
      const when = slackTime(interview.startsAt, config.defaultTimezone);
      return {
        text: escalationText(loop, interview, stillLate, when),
        blocks: escalationBlocks(loop, interview, stillLate, when),
      };
    },
    loop_summary: async (db, params) => {
      // Summaries posted before rounds carry no round: they are round 1's.
      const { loopId, round } = roundParams.parse(params);
      const state = await loopState(db, loopId);
      if (!state) return null;
      const blocks = summaryBlocks({
        loop: state.loop,
        summary: state.summary,
        competencyNames: state.competencyNames,
        decisions: state.decisions,
        showRatings: state.channelMayShowRatings,
        decisionButtons: state.channelMayShowRatings && round === state.round,
        progress: { submitted: state.expected.length - state.summary.missing.length, expected: state.expected.length },
        round,
        latestRound: state.round,
        inThread: true,
      });
      return { text: `Panel summary for ${escapeMrkdwn(candidateLabel(state.loop))}`, blocks };
    },
    lead_summary_ready: async (db, params) => {
      const { loopId, round } = roundParams.parse(params);
      const state = await loopState(db, loopId);
      if (!state) return null;
      const posted = await deliveredRef(db, refKey(loopSummaryRef(loopId, round)));
      const at = posted && posted !== 'held' ? posted : null;
      const parent = state.loop.threadTs;
      const link = at
        ? messageLink(at.channel, at.ts, parent)
        : parent
          ? messageLink(state.loop.decisionChannelId, parent, null)
          : null;
      const text = summaryReadyText({ loop: state.loop, summary: state.summary, round, link });
      return { text, blocks: [section(text)] };
    },
    channel_access: async (db, params) => {
      const { loopId, channel, error, edit } = channelAccessParams.parse(params);
      const loop = await getLoop(db, loopId);
      if (!loop) return null;
      // Posted meanwhile (someone invited the app): nothing to fix any more, unless the sent notice is edited.
      if (loop.threadTs !== null && !edit) return null;
      const notice = { candidate: candidateLabel(loop), channel, error };
      return { text: channelAccessText(notice), blocks: channelAccessBlocks(notice) };
    },
    loop_parent: async (db, params) => {
      const { loopId } = loopParams.parse(params);
      const loop = await getLoop(db, loopId);
      if (!loop) return null;
      const [interviews, progress, decisions] = await Promise.all([
        interviewsOfLoop(db, loopId),
        progressOfLoop(db, loopId),
        decisionsOf(db, loopId),
      ]);
      const data = {
        loop,
        decision: decisions.at(-1) ?? null,
        interviews: interviews.map((interview) => ({
          interview,
          when: slackTime(interview.startsAt, config.defaultTimezone),
        })),
        ...progress,
      };
      return { text: loopParentText(data), blocks: loopParentBlocks(data) };
    },
    app_home: async (db, params) => {
      const { userId } = z.object({ userId: z.string() }).parse(params);
      return {
        view: await homeViewFor(db, userId, clock.now(), config.defaultTimezone, config.adminUserIds.includes(userId)),
      };
    },
    kit_reminder: async (db, params) => {
      const { interviewId, userId, startsAt } = kitReminderParams.parse(params);
      const interview = await getInterview(db, interviewId);
      const loop = interview && (await getLoop(db, interview.loopId));
      if (!interview || !loop) return null;
      // Queued for a time the interview no longer has (moved, cancelled, decided): not sent at all.
      const seat = interview.panelists.find((p) => p.userId === userId);
      if (interview.status !== 'scheduled' || loop.status !== 'open' || !seat) return null;
      if (interview.startsAt.toISOString() !== startsAt) return null;
      const [bank, items, profiles] = await Promise.all([
        readBank(db),
        kitOf(db, interviewId),
        getProfiles(db, [userId]),
      ]);
      const when = slackTime(interview.startsAt, profiles.get(userId)?.tz ?? config.defaultTimezone);
      const blocks = kitReminderBlocks({
        bank,
        loop,
        interview,
        items,
        panelistId: userId,
        when,
        allowanceMinutes: config.allowanceMinutes,
      });
      return { text: `Your interview with ${escapeMrkdwn(candidateLabel(loop))} starts ${when}.`, blocks };
    },
    panelist_kit: async (db, params) => {
      const { interviewId, userId } = kitParams.parse(params);
      const interview = await getInterview(db, interviewId);
      const loop = interview && (await getLoop(db, interview.loopId));
      if (!interview || !loop) return null;
      const [bank, items, profiles] = await Promise.all([
        readBank(db),
        kitOf(db, interviewId),
        getProfiles(db, [userId]),
      ]);
      const when = slackTime(interview.startsAt, profiles.get(userId)?.tz ?? config.defaultTimezone);
      const blocks = panelistKitBlocks({
        bank,
        loop,
        interview,
        panelistId: userId,
        items,
        when,
        swappable: true,
        allowanceMinutes: config.allowanceMinutes,
        maxBlocks: LIMITS.messageBlocks,
      });
      const count = items.filter((i) => i.panelistId === userId).length;
      const text =
        interview.status === 'cancelled'
          ? `Interview #${interview.id} was cancelled.`
          : `Your ${counted(count, 'question')} for interview #${interview.id} (${kindName(interview.kind)}), ${when}.`;
      return { text, blocks };
    },
  };
}
