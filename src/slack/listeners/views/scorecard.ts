import { z } from 'zod';
import { keepScorecardDraft, scorecardForm, submitScorecard } from '../../../services/scorecard.js';
import { pageOfField } from '../../blocks/scorecard-modal.js';
import { NOT_SAVED_BUSY, notSavedText, SAVING_DELAYED, savedLateText } from '../../blocks/scorecard-saving.js';
import type { Deps } from '../../deps.js';
import { readScorecardForm } from '../../forms/scorecard-form.js';
import { stateValues } from '../../forms/state.js';
import { CALLBACK, SCORECARD } from '../../ids.js';
import type { Listeners } from '../../router.js';
import { scorecardView } from '../../scorecard-modal.js';
import { finishLateSave, firstError, withinAckBudget } from './late-save.js';

const metadata = z.object({ interviewId: z.number().int().positive(), page: z.number().int().min(0).default(0) });

/** The interview and page a scorecard modal shows; null when the metadata is damaged. */
export function scorecardMetadata(privateMetadata: string): { interviewId: number; page: number } | null {
  try {
    const parsed = metadata.safeParse(JSON.parse(privateMetadata));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function register(app: Listeners, deps: Deps): void {
  app.view(CALLBACK.scorecard, async ({ ack, body, view, logger, client }) => {
    const meta = scorecardMetadata(view.private_metadata);
    const values = stateValues(view.state.values);
    if (meta === null) {
      await ack({
        response_action: 'errors',
        errors: { [SCORECARD.takeaways]: 'This form is damaged: close it and open your scorecard again.' },
      });
      return;
    }
    const { interviewId, page } = meta;
    const onScreen = new Set(
      (view.blocks as { type?: string; block_id?: string }[])
        .filter((b) => b.type === 'input' && b.block_id)
        .map((b) => b.block_id ?? ''),
    );
    // A field that is on screen carries an error; the first one that is on screen gets a general one.
    const anchor = onScreen.has(SCORECARD.takeaways) ? SCORECARD.takeaways : ([...onScreen][0] ?? SCORECARD.takeaways);
    try {
      const submit = () =>
        submitScorecard(deps.db, {
          interviewId,
          userId: body.user.id,
          draft: readScorecardForm(values ?? {}),
          page,
          deliveryKey: `view_submission:${view.id}:${view.hash}`,
          now: deps.clock.now(),
        });
      const saving = submit();
      const settled = await withinAckBudget(saving);
      if (settled.late) {
        // Slack would give up on us: the form stays open with what was typed, and the panelist hears by DM.
        await ack({ response_action: 'errors', errors: { [anchor]: SAVING_DELAYED } });
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
        await ack({ response_action: 'errors', errors: { [anchor]: result.error.message } });
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
        const here = Object.fromEntries(Object.entries(errors).filter(([id]) => onScreen.has(id)));
        const elsewhere = Object.keys(errors).filter((id) => !onScreen.has(id));
        if (elsewhere.length === 0) {
          await ack({ response_action: 'errors', errors: here });
          return;
        }
        // What is missing is on another page: show that page, with what was typed, and say what it needs.
        const form = await scorecardForm(deps.db, body.user.id, interviewId, deps.clock.now());
        const where = form.ok ? pageOfField({ ...form.value, panelistId: body.user.id }).where : new Map();
        const target = Math.min(...elsewhere.map((id) => where.get(id) ?? 0));
        const count = elsewhere.filter((id) => (where.get(id) ?? 0) === target).length;
        const notice = `Before you submit: ${count} ${count === 1 ? 'answer is' : 'answers are'} still needed on this page. Every rating needs a choice ("Not observed" is one), and key takeaways and a recommendation are needed on page 1.`;
        await keepScorecardDraft(deps.db, {
          interviewId,
          userId: body.user.id,
          draft: result.value.draft,
          page: 0,
          now: deps.clock.now(),
        });
        const next = await scorecardView(deps, body.user.id, interviewId, {
          page: target,
          initial: result.value.draft,
          notice,
        });
        if (next.ok) await ack({ response_action: 'update', view: next.value });
        else await ack({ response_action: 'errors', errors: { [anchor]: next.error.message } });
        return;
      }
      await ack();
    } catch (error) {
      logger.error('saving a scorecard failed', { user: body.user.id, interviewId, error });
      await ack({
        response_action: 'errors',
        errors: {
          [anchor]: 'Sorry, saving failed on our side. Everything you typed is still here: press Submit again.',
        },
      });
    }
  });

  // notify_on_close: what was typed is kept as a draft, and the next opening restores it.
  app.view({ callback_id: CALLBACK.scorecard, type: 'view_closed' }, async ({ ack, body, view, logger }) => {
    await ack();
    const meta = scorecardMetadata(view.private_metadata);
    const values = stateValues(view.state.values);
    if (meta === null || !values) return;
    try {
      await keepScorecardDraft(deps.db, {
        interviewId: meta.interviewId,
        userId: body.user.id,
        draft: readScorecardForm(values),
        page: meta.page,
        now: deps.clock.now(),
      });
    } catch (error) {
      logger.error('keeping a scorecard draft failed', { user: body.user.id, interviewId: meta.interviewId, error });
    }
  });
}
