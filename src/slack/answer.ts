import type { Logger, RespondFn } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { noticeModal } from './blocks/notice.js';

/** What a block action carries that says where the click happened, as Bolt passes it to a listener. */
export interface Click {
  body: {
    user: { id: string };
    trigger_id?: string;
    view?: { id: string; type: string } | undefined;
  };
  client: WebClient;
  /**
   * Bolt's respond(): only there when Slack sent a response_url, that is for a click in a message. A click in a
   * modal or on App Home has none (Bolt's types declare it anyway).
   */
  respond?: RespondFn | undefined;
  logger: Logger;
}

async function dm(click: Click, text: string, blocks?: KnownBlock[]): Promise<void> {
  try {
    await click.client.chat.postMessage({ channel: click.body.user.id, text, ...(blocks ? { blocks } : {}) });
  } catch (error) {
    click.logger.error('could not tell the user by DM either', { user: click.body.user.id, error });
  }
}

/**
 * Tells the person who clicked, wherever they clicked: an ephemeral message under a message, a small modal on
 * top of a modal or over App Home, else (the trigger expired, or Slack refused) a DM. Never throws.
 */
export async function tell(click: Click, text: string, blocks?: KnownBlock[]): Promise<void> {
  const { body, client, respond, logger } = click;
  try {
    if (typeof respond === 'function') {
      await respond({ response_type: 'ephemeral', replace_original: false, text, ...(blocks ? { blocks } : {}) });
      return;
    }
    if (body.view && body.trigger_id) {
      const view = noticeModal(text, blocks);
      if (body.view.type === 'modal') await client.views.push({ trigger_id: body.trigger_id, view });
      else await client.views.open({ trigger_id: body.trigger_id, view });
      return;
    }
  } catch (error) {
    logger.warn('could not answer where the click happened; telling the user by DM', { user: body.user.id, error });
  }
  await dm(click, text, blocks);
}

/** Replaces the message that was clicked (an ephemeral confirmation) when it can, else tells the user. */
export async function replaceClicked(click: Click, text: string): Promise<void> {
  if (typeof click.respond === 'function') {
    try {
      await click.respond({ replace_original: true, text });
      return;
    } catch (error) {
      click.logger.warn('could not replace the clicked message', { user: click.body.user.id, error });
    }
  }
  await tell({ ...click, respond: undefined }, text);
}
