import type { BlockButtonAction } from '@slack/bolt';
import { loopState } from '../../../services/loop-summary.js';
import { tell } from '../../answer.js';
import type { Deps } from '../../deps.js';
import { ACTION } from '../../ids.js';
import { APOLOGY } from '../../reply.js';
import type { Listeners } from '../../router.js';
import { summaryFor } from '../../summary-view.js';

/** The parent's "Summary for the hiring lead": the summary so far, privately, for the loop's hiring lead only. */
export function register(app: Listeners, deps: Deps): void {
  app.action<BlockButtonAction>(ACTION.summaryForLead, async (click) => {
    const { ack, body, action, logger } = click;
    await ack();
    const userId = body.user.id;
    try {
      const state = await loopState(deps.db, Number(action.value));
      if (!state || state.loop.hiringLeadId !== userId) {
        // The same answer whether the loop exists or not: it names nobody.
        await tell(
          click,
          state?.channelMayShowRatings
            ? 'Every scorecard is in: the panel’s summary, ratings included, is in this thread.'
            : 'Only the loop’s hiring lead can see the summary before everyone has submitted. `/interview status &lt;candidate&gt;` shows you the progress.',
        );
        return;
      }
      await tell(click, 'Panel summary (only you can see this)', summaryFor(state, true, true));
    } catch (error) {
      logger.error('summary for lead failed', { user: userId, error });
      await tell(click, APOLOGY);
    }
  });
}
