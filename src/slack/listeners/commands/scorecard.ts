import type { Deps } from '../../deps.js';
import { ephemeral } from '../../reply.js';
import { openScorecard } from '../../scorecard-modal.js';
import type { CommandArgs } from './types.js';

/** `/interview scorecard [interview]`: my scorecard, the most recent one I owe when no number is given. */
export async function scorecardCommand(deps: Deps, args: CommandArgs, target: string | null): Promise<void> {
  await args.ack();
  const problem = await openScorecard(deps, args.client, args.command.trigger_id, args.command.user_id, target);
  if (problem) await args.respond(ephemeral(problem));
}
