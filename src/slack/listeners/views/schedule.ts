import type { WebClient } from '@slack/web-api';
import {
  type FieldErrors,
  type ScheduleField,
  type ScheduleRequest,
  validateSchedule,
} from '../../../domain/schedule.js';
import { scheduleInterview } from '../../../services/schedule-interview.js';
import { scheduledView } from '../../blocks/scheduled-view.js';
import { type Deps, isAdmin } from '../../deps.js';
import { readScheduleForm, SCHEDULE_BLOCKS } from '../../forms/schedule-form.js';
import { stateValues } from '../../forms/state.js';
import { CALLBACK } from '../../ids.js';
import type { Listeners } from '../../router.js';
import { slackTime } from '../../time.js';
import { lookupUsers } from '../../users.js';

function toBlockErrors(errors: FieldErrors<ScheduleField>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors).map(([field, message]) => [SCHEDULE_BLOCKS[field as ScheduleField], message]),
  );
}

/** What only Slack can tell: bots on the panel, people who left, a channel the app cannot post in. */
async function slackChecks(
  deps: Deps,
  client: WebClient,
  request: ScheduleRequest,
): Promise<FieldErrors<ScheduleField>> {
  const errors: FieldErrors<ScheduleField> = {};
  const now = deps.clock.now();
  const users = await lookupUsers(
    client,
    deps.db,
    [...request.panelists, request.hiringLeadId],
    now,
    deps.config.defaultTimezone,
  );
  const bots = request.panelists.filter((id) => users.get(id)?.isBot);
  const gone = request.panelists.filter((id) => users.get(id)?.missing);
  if (bots.length > 0)
    errors.panelists = `${bots.map((id) => `<@${id}>`).join(', ')} is a bot: panelists must be people.`;
  else if (gone.length > 0)
    errors.panelists = `${gone.map((id) => `<@${id}>`).join(', ')} is no longer in this workspace.`;
  const lead = users.get(request.hiringLeadId);
  if (lead?.isBot) errors.lead = 'The hiring lead must be a person, not a bot.';
  else if (lead?.missing) errors.lead = 'That person is no longer in this workspace.';
  try {
    const info = await client.conversations.info({ channel: request.decisionChannelId });
    if (info.channel?.is_archived) errors.channel = 'That channel is archived: choose another.';
    else if (!info.channel?.is_member) {
      errors.channel = 'I am not in that channel yet: type `/invite @Interview Assistant` there, or choose another.';
    }
  } catch {
    errors.channel =
      'I cannot see that channel: invite me with `/invite @Interview Assistant` there, or choose another.';
  }
  return errors;
}

export function register(app: Listeners, deps: Deps): void {
  app.view(CALLBACK.schedule, async ({ ack, body, view, client, logger }) => {
    const now = deps.clock.now();
    const values = stateValues(view.state.values);
    const checked = validateSchedule(readScheduleForm(values ?? {}), now);
    if (!checked.ok) {
      await ack({ response_action: 'errors', errors: toBlockErrors(checked.errors) });
      return;
    }
    try {
      const slackErrors = await slackChecks(deps, client, checked.value);
      if (Object.keys(slackErrors).length > 0) {
        await ack({ response_action: 'errors', errors: toBlockErrors(slackErrors) });
        return;
      }
      const result = await scheduleInterview(deps.db, checked.value, {
        requesterId: body.user.id,
        requesterIsAdmin: isAdmin(deps, body.user.id),
        deliveryKey: `view_submission:${view.id}`,
        allowanceMinutes: deps.config.allowanceMinutes,
        now,
        describeTime: (date) => slackTime(date, deps.config.defaultTimezone),
      });
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
      deps.outbox.kick();
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
