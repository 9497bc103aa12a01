import { interviewNumber } from '../../../domain/loop.js';
import { escapeMrkdwn } from '../../../domain/mrkdwn.js';
import { parseWhen } from '../../../domain/when.js';
import { cancelInterview, rescheduleInterview } from '../../../services/change-interview.js';
import { type Deps, isAdmin } from '../../deps.js';
import { ephemeral } from '../../reply.js';
import { slackTime } from '../../time.js';
import { userTimeZone } from '../../users.js';
import type { CommandArgs } from './types.js';

const NUMBER_HINT = 'Use the interview number from `/interview upcoming`, e.g. `12`.';

/** `/interview cancel <interview>` */
export async function cancel(deps: Deps, args: CommandArgs, target: string): Promise<void> {
  const id = interviewNumber(target);
  if (id === null) {
    await args.ack(ephemeral(`"${escapeMrkdwn(target)}" is not an interview number. ${NUMBER_HINT}`));
    return;
  }
  const userId = args.command.user_id;
  const describe = (date: Date) => slackTime(date, deps.config.defaultTimezone);
  const result = await cancelInterview(
    deps.db,
    { userId, isAdmin: isAdmin(deps, userId) },
    id,
    deps.clock.now(),
    describe,
  );
  if (!result.ok) {
    await args.ack(ephemeral(result.error.message));
    return;
  }
  await args.ack(
    ephemeral(
      `Interview #${id} is cancelled. The panel and the decision thread are told, and its questions are free again.`,
    ),
  );
}

/**
 * `/interview reschedule <interview> <when>`: `when` is read in the requester's time zone, which may need
 * a look-up at Slack, so the command is acknowledged first and answered through its response URL.
 */
export async function reschedule(deps: Deps, args: CommandArgs, target: string, when: string): Promise<void> {
  const id = interviewNumber(target);
  if (id === null) {
    await args.ack(ephemeral(`"${escapeMrkdwn(target)}" is not an interview number. ${NUMBER_HINT}`));
    return;
  }
  await args.ack();
  const userId = args.command.user_id;
  const now = deps.clock.now();
  const tz = await userTimeZone(args.client, deps.db, userId, now, deps.config.defaultTimezone);
  const parsed = parseWhen(when, now, tz);
  if (!parsed.ok) {
    // The message quotes what was typed.
    await args.respond(ephemeral(escapeMrkdwn(parsed.error.message)));
    return;
  }
  const describe = (date: Date) => slackTime(date, tz);
  const actor = { userId, isAdmin: isAdmin(deps, userId) };
  const result = await rescheduleInterview(deps.db, actor, id, parsed.value, now, describe);
  if (!result.ok) {
    await args.respond(ephemeral(result.error.message));
    return;
  }
  await args.respond(
    ephemeral(`Interview #${id} now starts ${describe(parsed.value)}. The panel and the decision thread are told.`),
  );
}
