import type { BlockButtonAction } from '@slack/bolt';
import { tell } from '../../answer.js';
import type { Deps } from '../../deps.js';
import { ACTION } from '../../ids.js';
import { APOLOGY } from '../../reply.js';
import type { Listeners } from '../../router.js';
import { openScorecard } from '../../scorecard-modal.js';

/** "Open scorecard" in the prompt DM, a reminder or App Home. */
export function register(app: Listeners, deps: Deps): void {
  app.action<BlockButtonAction>(ACTION.openScorecard, async (click) => {
    const { ack, body, action, client, logger } = click;
    await ack();
    try {
      const problem = await openScorecard(deps, client, body.trigger_id, body.user.id, Number(action.value));
      if (problem) await tell(click, problem);
    } catch (error) {
      logger.error('opening a scorecard failed', { user: body.user.id, error });
      await tell(click, APOLOGY);
    }
  });
}
