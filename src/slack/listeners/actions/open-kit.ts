import type { BlockButtonAction } from '@slack/bolt';
import { kitModal } from '../../blocks/home.js';
import { section } from '../../blocks/text.js';
import type { Deps } from '../../deps.js';
import { ACTION } from '../../ids.js';
import { kitMessages } from '../../kit-messages.js';
import { APOLOGY } from '../../reply.js';
import type { Listeners } from '../../router.js';

/** "My questions" on App Home: the kit in a modal. */
export function register(app: Listeners, deps: Deps): void {
  app.action<BlockButtonAction>(ACTION.openKit, async ({ ack, body, action, client, respond, logger }) => {
    await ack();
    const interviewId = Number(action.value);
    try {
      const kit = await kitMessages(deps, body.user.id, String(interviewId));
      const blocks = kit.ok ? kit.value.messages.flat() : [section(kit.error.message)];
      await client.views.open({ trigger_id: body.trigger_id, view: kitModal(blocks, interviewId) });
    } catch (error) {
      logger.error('opening a kit failed', { user: body.user.id, error });
      await respond({ response_type: 'ephemeral', replace_original: false, text: APOLOGY }).catch(() => undefined);
    }
  });
}
