import type { Deps } from '../../deps.js';
import { kitMessages } from '../../kit-messages.js';
import { ephemeral } from '../../reply.js';
import type { CommandArgs } from './types.js';

/** `/interview questions [interview | candidate]`: my part of the kit, only visible to me. */
export async function showKit(deps: Deps, args: CommandArgs, target: string | null): Promise<void> {
  const result = await kitMessages(deps, args.command.user_id, target);
  if (!result.ok) {
    await args.ack(ephemeral(result.error.message));
    return;
  }
  const { messages, interviewId, own } = result.value;
  const text = own ? `Your questions for interview #${interviewId}` : `The whole kit of interview #${interviewId}`;
  const [first, ...rest] = messages;
  await args.ack(ephemeral(text, first));
  for (const blocks of rest) await args.respond(ephemeral(text, blocks));
}
