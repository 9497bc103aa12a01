import type { KnownBlock, View } from '@slack/types';
import { plain } from './inputs.js';
import { LIMITS, section } from './text.js';

/** A small modal that tells the user something, opened over App Home or pushed on top of another modal. */
export function noticeModal(text: string, blocks?: KnownBlock[]): View {
  return {
    type: 'modal',
    title: plain('Interview Assistant'),
    close: plain('OK'),
    blocks: (blocks && blocks.length > 0 ? blocks : [section(text)]).slice(0, LIMITS.modalBlocks),
  };
}
