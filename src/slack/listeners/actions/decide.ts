import type { BlockButtonAction } from '@slack/bolt';
import { getLoop } from '../../../db/repositories/loops.js';
import { isDecision, mayDecide } from '../../../services/record-decision.js';
import { decisionModal } from '../../blocks/decision-modal.js';
import type { Deps } from '../../deps.js';
import { ACTION } from '../../ids.js';
import { APOLOGY } from '../../reply.js';
import type { Listeners } from '../../router.js';

const DECIDE = new RegExp(`^${ACTION.decidePrefix}(hire|no_hire|another_round)$`);

/** Hire / No hire / Another round: only the hiring lead; each opens a modal for the rationale. */
export function register(app: Listeners, deps: Deps): void {
  app.action<BlockButtonAction>(DECIDE, async ({ ack, body, action, client, respond, logger }) => {
    await ack();
    const outcome = action.action_id.slice(ACTION.decidePrefix.length);
    const loopId = Number(action.value);
    try {
      const allowed = await mayDecide(deps.db, loopId, body.user.id);
      const loop = await getLoop(deps.db, loopId);
      if (!allowed.ok || !loop || !isDecision(outcome)) {
        const text = allowed.ok ? 'That decision is not available.' : allowed.error.message;
        await respond({ response_type: 'ephemeral', replace_original: false, text });
        return;
      }
      await client.views.open({ trigger_id: body.trigger_id, view: decisionModal(loop, outcome) });
    } catch (error) {
      logger.error('opening the decision form failed', { user: body.user.id, loopId, error });
      await respond({ response_type: 'ephemeral', replace_original: false, text: APOLOGY }).catch(() => undefined);
    }
  });
}
