import { isHiringLead } from '../../../db/repositories/loops.js';
import type { CustomQuestionDraft, CustomQuestionField } from '../../../domain/custom-question.js';
import { addCustomQuestion } from '../../../services/add-question.js';
import { bankAddedView } from '../../blocks/bank.js';
import { type Deps, isAdmin } from '../../deps.js';
import { optionOf, optionsOf, type StateValues, stateValues, textOf } from '../../forms/state.js';
import { BANK_ADD, CALLBACK } from '../../ids.js';
import type { Listeners } from '../../router.js';

const BLOCKS: Record<CustomQuestionField, string> = {
  text: BANK_ADD.text,
  kind: BANK_ADD.kind,
  competencies: BANK_ADD.competencies,
  levels: BANK_ADD.levels,
  minutes: BANK_ADD.minutes,
  guidance: BANK_ADD.guidance,
  strongAnswer: BANK_ADD.strongAnswer,
  redFlags: BANK_ADD.redFlags,
  roles: BANK_ADD.roles,
};

function readDraft(values: StateValues): CustomQuestionDraft {
  const minutes = optionOf(values, BANK_ADD.minutes);
  return {
    text: textOf(values, BANK_ADD.text),
    kind: optionOf(values, BANK_ADD.kind),
    competencies: optionsOf(values, BANK_ADD.competencies),
    levels: optionsOf(values, BANK_ADD.levels),
    minutes: minutes === null ? null : Number(minutes),
    guidance: textOf(values, BANK_ADD.guidance),
    strongAnswer: textOf(values, BANK_ADD.strongAnswer),
    redFlags: textOf(values, BANK_ADD.redFlags),
    roles: textOf(values, BANK_ADD.roles),
  };
}

export function register(app: Listeners, deps: Deps): void {
  app.view(CALLBACK.bankAdd, async ({ ack, body, view, logger }) => {
    const values = stateValues(view.state.values);
    if (!isAdmin(deps, body.user.id) && !(await isHiringLead(deps.db, body.user.id))) {
      await ack({
        response_action: 'errors',
        errors: { [BANK_ADD.text]: 'Only admins and hiring leads can add questions.' },
      });
      return;
    }
    try {
      const result = await addCustomQuestion(
        deps.db,
        readDraft(values ?? {}),
        body.user.id,
        `view_submission:${view.id}`,
        deps.clock.now(),
      );
      if (!result.ok) {
        const errors = Object.fromEntries(
          Object.entries(result.errors).map(([field, message]) => [BLOCKS[field as CustomQuestionField], message]),
        );
        await ack({ response_action: 'errors', errors });
        return;
      }
      await ack(result.question ? { response_action: 'update', view: bankAddedView(result.question) } : undefined);
    } catch (error) {
      logger.error('adding a question failed', { user: body.user.id, error });
      await ack({
        response_action: 'errors',
        errors: { [BANK_ADD.text]: 'Sorry, saving failed on our side. Your entries are still here: press Add again.' },
      });
    }
  });
}
