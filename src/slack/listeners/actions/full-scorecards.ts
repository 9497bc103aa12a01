import type { BlockButtonAction } from '@slack/bolt';
import { fullScorecardsFor } from '../../../services/full-scorecards.js';
import { fullScorecardsModal } from '../../blocks/full-scorecards.js';
import type { Deps } from '../../deps.js';
import { ACTION } from '../../ids.js';
import { APOLOGY } from '../../reply.js';
import type { Listeners } from '../../router.js';

/** The summary's "Full scorecards": every scorecard in full, for those the blind rule allows; others are told why by DM. */
export function register(app: Listeners, deps: Deps): void {
  app.action<BlockButtonAction>(ACTION.fullScorecards, async ({ ack, body, action, client, logger }) => {
    await ack();
    const userId = body.user.id;
    const tell = (text: string) => client.chat.postMessage({ channel: userId, text }).catch(() => undefined);
    try {
      const result = await fullScorecardsFor(deps.db, { userId }, Number(action.value));
      if (!result.ok) {
        await tell(result.error.message);
        return;
      }
      await client.views.open({ trigger_id: body.trigger_id, view: fullScorecardsModal(result.value) });
    } catch (error) {
      logger.error('opening the full scorecards failed', { user: userId, error });
      await tell(APOLOGY);
    }
  });
}
