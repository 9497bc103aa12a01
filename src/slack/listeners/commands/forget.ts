import type { KnownBlock } from '@slack/types';
import { escapeMrkdwn } from '../../../domain/mrkdwn.js';
import { counted } from '../../../domain/plural.js';
import { candidatesNamed } from '../../../services/erase-candidate.js';
import { plain } from '../../blocks/inputs.js';
import { section } from '../../blocks/text.js';
import { type Deps, isAdmin } from '../../deps.js';
import { ACTION } from '../../ids.js';
import { ephemeral } from '../../reply.js';
import type { CommandArgs } from './types.js';

/** `/interview forget <candidate>`: asks for confirmation before erasing (admins and that loop's hiring lead). */
export async function forget(deps: Deps, args: CommandArgs, name: string): Promise<void> {
  const userId = args.command.user_id;
  const admin = isAdmin(deps, userId);
  const matches = (await candidatesNamed(deps.db, name)).filter((c) => admin || c.leads.includes(userId));
  if (matches.length === 0) {
    await args.ack(
      ephemeral(
        `I found no candidate named "${escapeMrkdwn(name)}" whose data you may erase (admins, or the hiring lead of their loop).`,
      ),
    );
    return;
  }
  const blocks: KnownBlock[] = [
    section(
      `:warning: *Erase ${escapeMrkdwn(name)}’s personal data?* Their name and links are removed, and their name is blanked wherever it was written (notes, takeaways, rationales) and in this app’s Slack messages. Ratings and decisions stay, without the name. *This cannot be undone.*`,
    ),
  ];
  for (const candidate of matches) {
    blocks.push({
      type: 'actions',
      block_id: `forget_${candidate.id}`,
      elements: [
        {
          type: 'button',
          action_id: ACTION.forgetConfirm,
          value: String(candidate.id),
          style: 'danger',
          text: plain(
            matches.length > 1
              ? `Erase candidate #${candidate.id} (${counted(candidate.loopIds.length, 'loop')})`
              : 'Erase',
          ),
        },
        { type: 'button', action_id: ACTION.forgetCancel, value: String(candidate.id), text: plain('Cancel') },
      ],
    });
  }
  await args.ack(ephemeral(`Erase ${escapeMrkdwn(name)}'s personal data?`, blocks));
}
