import type { InsightsView } from '../../../domain/command-parser.js';
import { insightAnswerFor } from '../../../services/insight.js';
import { insightBlocks } from '../../blocks/insights.js';
import { splitMessages } from '../../blocks/text.js';
import { type Deps, isAdmin } from '../../deps.js';
import { ephemeral } from '../../reply.js';
import type { CommandArgs } from './types.js';

/**
 * `/interview insights [me | question <id> | panel]`: acknowledged at once (the report adds up the team's
 * history), then answered ephemerally through the response URL.
 */
export async function insights(deps: Deps, args: CommandArgs, view: InsightsView): Promise<void> {
  const userId = args.command.user_id;
  await args.ack();
  const result = await insightAnswerFor(deps.db, { userId, isAdmin: isAdmin(deps, userId) }, view);
  if (!result.ok) {
    await args.respond(ephemeral(result.error.message));
    return;
  }
  const blocks = insightBlocks(result.value.answer, result.value.names);
  for (const part of splitMessages(blocks)) await args.respond(ephemeral('Interview insight', part));
}
