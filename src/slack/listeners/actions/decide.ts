import type { BlockButtonAction } from '@slack/bolt';
import { loopState } from '../../../services/loop-summary.js';
import { isDecision, mayDecide } from '../../../services/record-decision.js';
import { tell } from '../../answer.js';
import { decisionModal } from '../../blocks/decision-modal.js';
import type { Deps } from '../../deps.js';
import { ACTION } from '../../ids.js';
import { APOLOGY } from '../../reply.js';
import type { Listeners } from '../../router.js';
import { whyNotOpened } from '../../slack-errors.js';

const DECIDE = new RegExp(`^${ACTION.decidePrefix}(hire|no_hire|another_round)$`);

/** Hire / No hire / Another round: only the hiring lead; each opens a modal for the rationale. */
export function register(app: Listeners, deps: Deps): void {
  app.action<BlockButtonAction>(DECIDE, async (click) => {
    const { ack, body, action, client, logger } = click;
    await ack();
    const outcome = action.action_id.slice(ACTION.decidePrefix.length);
    const loopId = Number(action.value);
    try {
      const allowed = await mayDecide(deps.db, loopId, body.user.id);
      const state = allowed.ok ? await loopState(deps.db, loopId) : undefined;
      const loop = state?.loop;
      if (!allowed.ok || !state || !loop || !isDecision(outcome)) {
        await tell(click, allowed.ok ? 'That decision is not available.' : allowed.error.message);
        return;
      }
      try {
        // The lead sees what the panel said so far, and who is missing, before deciding.
        await client.views.open({
          trigger_id: body.trigger_id,
          view: decisionModal(loop, outcome, { summary: state.summary, expected: state.expected.length }),
        });
      } catch (error) {
        logger.warn('could not open the decision form', { user: body.user.id, loopId, error });
        await tell(click, whyNotOpened(error, 'the decision form', 'Press the decision button again.'));
      }
    } catch (error) {
      logger.error('opening the decision form failed', { user: body.user.id, loopId, error });
      await tell(click, APOLOGY);
    }
  });
}
