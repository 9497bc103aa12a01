import type { BlockButtonAction } from '@slack/bolt';
import { tell } from '../../answer.js';
import { kitModal } from '../../blocks/home.js';
import type { Deps } from '../../deps.js';
import { ACTION } from '../../ids.js';
import { kitMessages } from '../../kit-messages.js';
import { APOLOGY } from '../../reply.js';
import type { Listeners } from '../../router.js';
import { whyNotOpened } from '../../slack-errors.js';

/** "My questions" on App Home: the kit in a modal. */
export function register(app: Listeners, deps: Deps): void {
  app.action<BlockButtonAction>(ACTION.openKit, async (click) => {
    const { ack, body, action, client, logger } = click;
    await ack();
    const interviewId = Number(action.value);
    try {
      const kit = await kitMessages(deps, body.user.id, String(interviewId));
      if (!kit.ok) {
        await tell(click, kit.error.message);
        return;
      }
      try {
        await client.views.open({
          trigger_id: body.trigger_id,
          view: kitModal(kit.value.messages.flat(), interviewId),
        });
      } catch (error) {
        logger.warn('could not open a kit', { user: body.user.id, interviewId, error });
        await tell(
          click,
          whyNotOpened(
            error,
            'your questions',
            `Press the button again, or type \`/interview questions ${interviewId}\`.`,
          ),
        );
      }
    } catch (error) {
      logger.error('opening a kit failed', { user: body.user.id, error });
      await tell(click, APOLOGY);
    }
  });
}
