import { z } from 'zod';
import { keepScorecardDraft, submitScorecard } from '../../../services/scorecard.js';
import { NOT_SAVED_BUSY, notSavedText, SAVING_DELAYED, savedLateText } from '../../blocks/scorecard-saving.js';
import type { Deps } from '../../deps.js';
import { readScorecardForm } from '../../forms/scorecard-form.js';
import { stateValues } from '../../forms/state.js';
import { CALLBACK, SCORECARD } from '../../ids.js';
import type { Listeners } from '../../router.js';
import { finishLateSave, firstError, withinAckBudget } from './late-save.js';

const metadata = z.object({ interviewId: z.number().int().positive() });

function interviewOf(privateMetadata: string): number | null {
  try {
    const parsed = metadata.safeParse(JSON.parse(privateMetadata));
    return parsed.success ? parsed.data.interviewId : null;
  } catch {
    return null;
  }
}

export function register(app: Listeners, deps: Deps): void {
  app.view(CALLBACK.scorecard, async ({ ack, body, view, logger, client }) => {
    const interviewId = interviewOf(view.private_metadata);
    const values = stateValues(view.state.values);
    if (interviewId === null) {
      await ack({
        response_action: 'errors',
        errors: { [SCORECARD.takeaways]: 'This form is damaged: close it and open your scorecard again.' },
      });
      return;
    }
    try {
      const submit = () =>
        submitScorecard(deps.db, {
          interviewId,
          userId: body.user.id,
          draft: readScorecardForm(values ?? {}),
          deliveryKey: `view_submission:${view.id}:${view.hash}`,
          now: deps.clock.now(),
        });
      const saving = submit();
      const settled = await withinAckBudget(saving);
      if (settled.late) {
        // Slack would give up on us: the form stays open with what was typed, and the panelist hears by DM.
        await ack({ response_action: 'errors', errors: { [SCORECARD.takeaways]: SAVING_DELAYED } });
        void finishLateSave(deps, client, {
          userId: body.user.id,
          what: 'saving a scorecard',
          saving,
          retry: submit,
          describe: (outcome) => {
            if (outcome === null) return { text: notSavedText(interviewId, NOT_SAVED_BUSY) };
            if (!outcome.ok) return { text: notSavedText(interviewId, outcome.error.message) };
            if (outcome.value.kind === 'invalid')
              return {
                text: notSavedText(interviewId, firstError(outcome.value.errors, 'the form was not complete.')),
              };
            const text = savedLateText(interviewId);
            return outcome.value.kind === 'saved' ? { text, loopId: outcome.value.loopId } : { text };
          },
        });
        return;
      }
      const result = settled.value;
      if (!result.ok) {
        await ack({ response_action: 'errors', errors: { [SCORECARD.takeaways]: result.error.message } });
        return;
      }
      if (result.value.kind === 'invalid') {
        const { ratings, keyTakeaways, recommendation } = result.value.errors;
        const errors: Record<string, string> = {};
        for (const [competency, message] of Object.entries(ratings)) {
          errors[`${SCORECARD.ratingPrefix}${competency}`] = message;
        }
        for (const [question, message] of Object.entries(result.value.errors.notes ?? {})) {
          errors[`${SCORECARD.notePrefix}${question}`] = message;
        }
        if (keyTakeaways) errors[SCORECARD.takeaways] = keyTakeaways;
        if (recommendation) errors[SCORECARD.recommendation] = recommendation;
        await ack({ response_action: 'errors', errors });
        return;
      }
      await ack();
    } catch (error) {
      logger.error('saving a scorecard failed', { user: body.user.id, interviewId, error });
      await ack({
        response_action: 'errors',
        errors: {
          [SCORECARD.takeaways]:
            'Sorry, saving failed on our side. Everything you typed is still here: press Submit again.',
        },
      });
    }
  });

  // notify_on_close: what was typed is kept as a draft, and the next opening restores it.
  app.view({ callback_id: CALLBACK.scorecard, type: 'view_closed' }, async ({ ack, body, view, logger }) => {
    await ack();
    const interviewId = interviewOf(view.private_metadata);
    const values = stateValues(view.state.values);
    if (interviewId === null || !values) return;
    try {
      await keepScorecardDraft(deps.db, {
        interviewId,
        userId: body.user.id,
        draft: readScorecardForm(values),
        now: deps.clock.now(),
      });
    } catch (error) {
      logger.error('keeping a scorecard draft failed', { user: body.user.id, interviewId, error });
    }
  });
}
