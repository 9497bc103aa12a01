import type { BlockButtonAction } from '@slack/bolt';
import { loopState } from '../../../services/loop-summary.js';
import type { Deps } from '../../deps.js';
import { ACTION } from '../../ids.js';
import { APOLOGY } from '../../reply.js';
import type { Listeners } from '../../router.js';
import { summaryFor } from '../../summary-view.js';

/** The parent's "Summary for the hiring lead": the summary so far, privately, for the loop's hiring lead only. */
export function register(app: Listeners, deps: Deps): void {
  app.action<BlockButtonAction>(ACTION.summaryForLead, async ({ ack, body, action, respond, logger }) => {
    await ack();
    const userId = body.user.id;
    try {
      const state = await loopState(deps.db, Number(action.value));
      if (!state) return;
      const lead = state.loop.hiringLeadId === userId;
      if (!lead) {
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: `Only the loop’s hiring lead can see the summary before everyone has submitted. \`/interview status &lt;candidate&gt;\` shows you the progress.`,
        });
        return;
      }
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: 'Panel summary (only you can see this)',
        blocks: summaryFor(state, true, lead),
      });
    } catch (error) {
      logger.error('summary for lead failed', { user: userId, error });
      await respond({ response_type: 'ephemeral', replace_original: false, text: APOLOGY }).catch(() => undefined);
    }
  });
}
