import { DEFAULT_ROLE } from '../../../domain/roles.js';
import { parseSchedulePrefill } from '../../../domain/schedule.js';
import { scheduleRoles, schedulingTips } from '../../../services/roles.js';
import { scheduleModal } from '../../blocks/schedule-modal.js';
import type { Deps } from '../../deps.js';
import { ephemeral } from '../../reply.js';
import { whyNotOpened } from '../../slack-errors.js';
import { suggestedStart } from '../../time.js';
import { zoneForForm } from '../../users.js';
import type { CommandArgs } from './types.js';

/** `/interview schedule [candidate level kind 60m @panelist #channel]`: opens the schedule modal, pre-filled. */
export async function openScheduleModal(deps: Deps, args: CommandArgs, text: string): Promise<void> {
  const { command, client } = args;
  await args.ack();
  const now = deps.clock.now();
  // The trigger expires 3 s after the command was typed: the zone look-up waits at most 1.2 s of that.
  const [tz, roles, tips] = await Promise.all([
    zoneForForm(client, deps.db, command.user_id, now, deps.config.defaultTimezone),
    scheduleRoles(deps.db),
    schedulingTips(deps.db),
  ]);
  const view = scheduleModal({
    prefill: parseSchedulePrefill(text),
    roles,
    defaultRole: DEFAULT_ROLE,
    requesterId: command.user_id,
    defaultChannel: deps.config.defaultDecisionChannel,
    suggestedStart: Math.floor(suggestedStart(now, tz).getTime() / 1000),
    privateMetadata: JSON.stringify({ channel: command.channel_id }),
    tips,
  });
  try {
    await client.views.open({ trigger_id: command.trigger_id, view });
  } catch (error) {
    deps.logger.warn('could not open the schedule modal', error);
    await args.respond(ephemeral(whyNotOpened(error, 'the schedule form', 'Please run `/interview schedule` again.')));
  }
}
