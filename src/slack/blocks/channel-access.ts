import type { KnownBlock } from '@slack/types';
import { escapeMrkdwn } from '../../domain/mrkdwn.js';
import { section } from './text.js';

export interface ChannelAccessNotice {
  /** The candidate as the lead knows them (null once erased). */
  candidate: string;
  channel: string;
  error: string;
}

function advice(n: ChannelAccessNotice): string {
  const where = `<#${n.channel}>`;
  switch (n.error) {
    case 'not_in_channel':
      return `I am not a member of ${where}. Invite me there (type \`/invite @Interview Assistant\` in the channel).`;
    case 'is_archived':
      return `${where} is archived. Unarchive it (channel settings, *Unarchive channel*) so the thread can be posted there.`;
    default:
      return `I cannot find ${where}: it is private and I am not in it, or it was deleted. If it is private, invite me (type \`/invite @Interview Assistant\` in the channel); if it was deleted, ask an admin to restore it.`;
  }
}

export function channelAccessText(n: ChannelAccessNotice): string {
  return `I could not post the decision thread for ${escapeMrkdwn(n.candidate)}. ${advice(n)}`;
}

export function channelAccessBlocks(n: ChannelAccessNotice): KnownBlock[] {
  return [
    section(`:warning: *I could not post the decision thread for ${escapeMrkdwn(n.candidate)}.*`),
    section(advice(n)),
    section(
      'Nothing is lost: the thread and every update to it wait, and are posted as soon as I can post there (I try again every minute).',
    ),
  ];
}
