import type { KnownBlock } from '@slack/types';

export const LIMITS = {
  messageBlocks: 50,
  modalBlocks: 100,
  sectionText: 3000,
  headerText: 150,
  modalTitle: 24,
  buttonText: 75,
} as const;

/** Shortens display text to Slack's limit with an ellipsis; stored data is never cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: clip(text, LIMITS.sectionText) } };
}

export function header(text: string): KnownBlock {
  return { type: 'header', text: { type: 'plain_text', text: clip(text, LIMITS.headerText), emoji: true } };
}

export function context(text: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: clip(text, LIMITS.sectionText) }] };
}

export const divider: KnownBlock = { type: 'divider' };

/**
 * Splits blocks into messages of at most `max` blocks, cutting before a header or divider where
 * possible so a question never lands apart from its own heading.
 */
export function splitMessages(blocks: KnownBlock[], max: number = LIMITS.messageBlocks): KnownBlock[][] {
  const messages: KnownBlock[][] = [];
  let current: KnownBlock[] = [];
  for (const block of blocks) {
    if (current.length >= max) {
      let cut = current.length;
      for (let i = current.length - 1; i > max / 2; i--) {
        const type = current[i]?.type;
        if (type === 'header' || type === 'divider') {
          cut = i;
          break;
        }
      }
      messages.push(current.slice(0, cut));
      current = current.slice(cut);
    }
    current.push(block);
  }
  if (current.length > 0) messages.push(current);
  return messages;
}
