import type { App, BlockButtonAction } from '@slack/bolt';
import { canSeeRatings } from '../../../domain/scorecard-summary.js';
import { loopState } from '../../../services/loop-summary.js';
import { type Deps, isAdmin } from '../../deps.js';
import { ACTION } from '../../ids.js';
import { APOLOGY } from '../../reply.js';
import { summaryFor } from '../../summary-view.js';

/** The parent's "Summary for the hiring lead": the summary so far, seen only by whoever clicked, if they may. */
export function register(app: App, deps: Deps): void {
  app.action<BlockButtonAction>(ACTION.summaryForLead, async ({ ack, body, action, respond, logger }) => {
    await ack();
    const userId = body.user.id;
    try {
      const state = await loopState(deps.db, Number(action.value));
      if (!state) return;
      const lead = state.loop.hiringLeadId === userId;
      if (!lead && !isAdmin(deps, userId)) {
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: `Only the hiring lead, <@${state.loop.hiringLeadId}>, can see the summary before everyone has submitted. \`/interview status <candidate>\` shows you the progress.`,
        });
        return;
      }
      const show = canSeeRatings({ userId, isAdmin: isAdmin(deps, userId) }, state.loop.hiringLeadId, state.submitted);
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: 'Panel summary (only you can see this)',
        blocks: summaryFor(state, show, lead),
      });
    } catch (error) {
      logger.error('summary for lead failed', { user: userId, error });
      await respond({ response_type: 'ephemeral', replace_original: false, text: APOLOGY }).catch(() => undefined);
    }
  });
}
