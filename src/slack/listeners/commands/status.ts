import { escapeMrkdwn } from '../../../domain/mrkdwn.js';
import { statusFor } from '../../../services/loop-summary.js';
import { splitMessages } from '../../blocks/text.js';
import { type Deps, isAdmin } from '../../deps.js';
import { ephemeral } from '../../reply.js';
import { summaryFor } from '../../summary-view.js';
import type { CommandArgs } from './types.js';

/** `/interview status <candidate>`: where the loop stands; ratings only per the blind rule. */
export async function status(deps: Deps, args: CommandArgs, candidate: string): Promise<void> {
  const userId = args.command.user_id;
  const result = await statusFor(deps.db, { userId, isAdmin: isAdmin(deps, userId) }, candidate);
  if (!result.ok) {
    await args.ack(ephemeral(result.error.message));
    return;
  }
  const { state, showRatings } = result.value;
  const lead = state.loop.hiringLeadId === userId;
  const [first, ...rest] = splitMessages(summaryFor(state, showRatings, lead));
  await args.ack(
    ephemeral(`Status of the loop for ${escapeMrkdwn(state.loop.candidateName ?? 'this candidate')}`, first),
  );
  for (const blocks of rest) await args.respond(ephemeral('Status (continued)', blocks));
}
