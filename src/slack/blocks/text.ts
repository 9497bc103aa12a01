import type { KnownBlock } from '@slack/types';

export const LIMITS = {
  messageBlocks: 50,
  modalBlocks: 100,
  sectionText: 3000,
  headerText: 150,
  modalTitle: 24,
  buttonText: 75,
  selectOptions: 100,
  optionText: 75,
  optionValue: 150,
} as const;

const ENTITY = /^&(?:amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-f]{1,6});/i;

/** Where a cut at `end` would break something Slack reads as one unit; the cut moves back before it. */
function safeEnd(text: string, end: number): number {
  let cut = end;
  for (;;) {
    const before = cut;
    // A control sequence (<@U123>, <!date^…|…>, <https://…|label>) is kept whole or left out.
    const open = text.lastIndexOf('<', cut - 1);
    if (open !== -1 && text.lastIndexOf('>', cut - 1) < open) cut = open;
    // An entity (&amp; &lt; &gt;) likewise.
    const amp = text.lastIndexOf('&', cut - 1);
    if (amp !== -1 && amp > cut - 10) {
      const entity = ENTITY.exec(text.slice(amp, amp + 10));
      if (entity && amp + entity[0].length > cut) cut = amp;
    }
    // Never half of a surrogate pair (an emoji, a rare character).
    const code = text.charCodeAt(cut - 1);
    if (cut > 0 && code >= 0xd800 && code <= 0xdbff) cut -= 1;
    if (cut === before) return cut;
  }
}

/**
 * Shortens display text to Slack's limit with an ellipsis; stored data is never cut. The cut never splits a
 * mention, a date token, a link, an entity or a surrogate pair.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, safeEnd(text, max - 1)).trimEnd()}…`;
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
