import { z } from 'zod';
import { recordDecision } from '../../../services/record-decision.js';
import type { Deps } from '../../deps.js';
import { stateValues, textOf } from '../../forms/state.js';
import { CALLBACK, DECISION } from '../../ids.js';
import type { Listeners } from '../../router.js';

const metadata = z.object({
  loopId: z.number().int().positive(),
  outcome: z.enum(['hire', 'no_hire', 'another_round']),
});

export function register(app: Listeners, deps: Deps): void {
  app.view(CALLBACK.decision, async ({ ack, body, view, logger }) => {
    let parsed: z.infer<typeof metadata> | null = null;
    try {
      const result = metadata.safeParse(JSON.parse(view.private_metadata));
      parsed = result.success ? result.data : null;
    } catch {
      parsed = null;
    }
    if (!parsed) {
      await ack({
        response_action: 'errors',
        errors: { [DECISION.rationale]: 'This form is damaged: close it and press the decision button again.' },
      });
      return;
    }
    const values = stateValues(view.state.values);
    try {
      const result = await recordDecision(deps.db, {
        loopId: parsed.loopId,
        outcome: parsed.outcome,
        rationale: values ? textOf(values, DECISION.rationale) : '',
        userId: body.user.id,
        deliveryKey: `view_submission:${view.id}:${view.hash}`,
        now: deps.clock.now(),
      });
      if (!result.ok) {
        await ack({ response_action: 'errors', errors: { [DECISION.rationale]: result.error.message } });
        return;
      }
      await ack();
    } catch (error) {
      logger.error('recording a decision failed', { user: body.user.id, error });
      await ack({
        response_action: 'errors',
        errors: {
          [DECISION.rationale]: 'Sorry, saving failed on our side. Your text is still here: press the button again.',
        },
      });
    }
  });
}
