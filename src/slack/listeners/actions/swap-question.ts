import type { BlockButtonAction } from '@slack/bolt';
import { swapQuestion } from '../../../services/swap-question.js';
import { tell } from '../../answer.js';
import { kitModal } from '../../blocks/home.js';
import type { Deps } from '../../deps.js';
import { ACTION } from '../../ids.js';
import { kitMessages } from '../../kit-messages.js';
import { APOLOGY } from '../../reply.js';
import type { Listeners } from '../../router.js';

/** Swap on a kit question: the next eligible question for the same competency replaces it, saved. */
export function register(app: Listeners, deps: Deps): void {
  app.action<BlockButtonAction>(ACTION.swapQuestion, async (click) => {
    const { ack, body, action, client, respond, logger } = click;
    await ack();
    const userId = body.user.id;
    try {
      const result = await swapQuestion(deps.db, {
        itemId: Number(action.value),
        userId,
        allowanceMinutes: deps.config.allowanceMinutes,
        now: deps.clock.now(),
      });
      if (!result.ok) {
        await tell(click, result.error.message);
        return;
      }
      // The kit DM is edited through the outbox; an ephemeral kit is replaced through response_url,
      // and a kit opened from App Home is a modal that is updated in place.
      const interviewId = result.value.interviewId;
      try {
        const kit = await kitMessages(deps, userId, String(interviewId));
        if (!kit.ok) {
          await tell(click, kit.error.message);
          return;
        }
        if (body.view) {
          await client.views.update({ view_id: body.view.id, view: kitModal(kit.value.messages.flat(), interviewId) });
        } else if (body.container?.is_ephemeral && kit.value.messages[0] && typeof respond === 'function') {
          await respond({
            replace_original: true,
            text: `Your questions for interview #${interviewId}`,
            blocks: kit.value.messages[0],
          });
        }
      } catch (error) {
        logger.warn('a swapped kit could not be shown again', { user: userId, interviewId, error });
        await tell(
          click,
          `The question was swapped, but I could not refresh what you see. \`/interview questions ${interviewId}\` shows your kit as it is now.`,
        );
      }
    } catch (error) {
      logger.error('swap failed', { user: userId, error });
      await tell(click, APOLOGY);
    }
  });
}
