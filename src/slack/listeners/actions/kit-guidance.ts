import type { BlockButtonAction } from '@slack/bolt';
import { kitGuidance } from '../../../services/kit-guidance.js';
import { tell } from '../../answer.js';
import { kitGuidanceView } from '../../blocks/kit-guidance.js';
import { type Deps, isAdmin } from '../../deps.js';
import { ACTION } from '../../ids.js';
import { APOLOGY } from '../../reply.js';
import type { Listeners } from '../../router.js';
import { whyNotOpened } from '../../slack-errors.js';

/** "Guidance and rubric" under a kit: strong answers, red flags, follow-ups and the rubric in a modal. */
export function register(app: Listeners, deps: Deps): void {
  app.action<BlockButtonAction>(ACTION.openKitGuidance, async (click) => {
    const { ack, body, action, client, logger } = click;
    await ack();
    const userId = body.user.id;
    try {
      const found = await kitGuidance(
        deps.db,
        { userId, isAdmin: isAdmin(deps, userId) },
        action.value ?? '',
        deps.clock.now(),
      );
      if (!found.ok) {
        await tell(click, found.error.message);
        return;
      }
      const view = kitGuidanceView(found.value.bank, found.value.title, found.value.items);
      try {
        // From inside a modal (the kit opened on App Home) the guidance is pushed onto it.
        if (body.view?.type === 'modal') await client.views.push({ trigger_id: body.trigger_id, view });
        else await client.views.open({ trigger_id: body.trigger_id, view });
      } catch (error) {
        logger.warn('could not open kit guidance', { user: userId, error });
        await tell(click, whyNotOpened(error, 'the guidance', 'Press the button again.'));
      }
    } catch (error) {
      logger.error('opening kit guidance failed', { user: userId, error });
      await tell(click, APOLOGY);
    }
  });
}
