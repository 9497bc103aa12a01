import { escapeMrkdwn } from '../../../domain/mrkdwn.js';
import { type FieldErrors, type ScheduleField, validateSchedule } from '../../../domain/schedule.js';
import { scheduleInterview } from '../../../services/schedule-interview.js';
import { scheduledView } from '../../blocks/scheduled-view.js';
import {
  NOT_SAVED_BUSY,
  notScheduledText,
  SCHEDULING_DELAYED,
  scheduledLateText,
} from '../../blocks/scorecard-saving.js';
import { type Deps, isAdmin } from '../../deps.js';
import { readScheduleForm, SCHEDULE_BLOCKS } from '../../forms/schedule-form.js';
import { stateValues } from '../../forms/state.js';
import { CALLBACK } from '../../ids.js';
import type { Listeners } from '../../router.js';
import { slackChecks } from '../../schedule-checks.js';
import { slackTime } from '../../time.js';
import { ACK_BUDGET_MS, finishLateSave, firstError, withinAckBudget } from './late-save.js';

function toBlockErrors(errors: FieldErrors<ScheduleField>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors).map(([field, message]) => [SCHEDULE_BLOCKS[field as ScheduleField], message]),
  );
}

export function register(app: Listeners, deps: Deps): void {
  app.view(CALLBACK.schedule, async ({ ack, body, view, client, logger }) => {
    const startedAt = performance.now();
    const now = deps.clock.now();
    const values = stateValues(view.state.values);
    const checked = validateSchedule(readScheduleForm(values ?? {}), now);
    if (!checked.ok) {
      await ack({ response_action: 'errors', errors: toBlockErrors(checked.errors) });
      return;
    }
    try {
      const slackErrors = await slackChecks(deps, client, checked.value, startedAt);
      if (Object.keys(slackErrors).length > 0) {
        await ack({ response_action: 'errors', errors: toBlockErrors(slackErrors) });
        return;
      }
      const save = () =>
        scheduleInterview(deps.db, checked.value, {
          requesterId: body.user.id,
          requesterIsAdmin: isAdmin(deps, body.user.id),
          deliveryKey: `view_submission:${view.id}`,
          allowanceMinutes: deps.config.allowanceMinutes,
          now,
          describeTime: (date) => slackTime(date, deps.config.defaultTimezone),
        });
      const saving = save();
      // Slack's checks above took part of the 3 s already.
      const settled = await withinAckBudget(saving, Math.max(300, ACK_BUDGET_MS - (performance.now() - startedAt)));
      if (settled.late) {
        await ack({ response_action: 'errors', errors: { [SCHEDULE_BLOCKS.candidate]: SCHEDULING_DELAYED } });
        void finishLateSave(deps, client, {
          userId: body.user.id,
          what: 'scheduling',
          saving,
          retry: save,
          describe: (outcome) => {
            if (outcome === null) return { text: notScheduledText(NOT_SAVED_BUSY) };
            // A second submission of the same form: the first one answers.
            if (outcome === 'duplicate') return null;
            if ('errors' in outcome)
              return { text: notScheduledText(firstError(outcome.errors, 'the form was not complete.')) };
            return {
              text: scheduledLateText(outcome.interviewId, escapeMrkdwn(checked.value.candidateName)),
              loopId: outcome.loop.id,
            };
          },
        });
        return;
      }
      const result = settled.value;
      if (result === 'duplicate') {
        await ack();
        return;
      }
      if ('errors' in result) {
        await ack({ response_action: 'errors', errors: toBlockErrors(result.errors) });
        return;
      }
      await ack({
        response_action: 'update',
        view: scheduledView(result, checked.value, slackTime(checked.value.startsAt, deps.config.defaultTimezone)),
      });
    } catch (error) {
      logger.error('scheduling failed', { user: body.user.id, error });
      await ack({
        response_action: 'errors',
        errors: {
          [SCHEDULE_BLOCKS.candidate]:
            'Sorry, saving failed on our side. Your entries are still here: press Schedule again.',
        },
      });
    }
  });
}
