import type { BlockButtonAction } from '@slack/bolt';
import { declineInterview, nudgePanelist } from '../../../services/participation.js';
import { tell } from '../../answer.js';
import type { Deps } from '../../deps.js';
import { ACTION } from '../../ids.js';
import { APOLOGY } from '../../reply.js';
import type { Listeners } from '../../router.js';

/** "I did not take part" on the scorecard prompt, and the hiring lead's Nudge on the late-scorecards DM. */
export function register(app: Listeners, deps: Deps): void {
  app.action<BlockButtonAction>(ACTION.declineInterview, async (click) => {
    const { ack, body, action, logger } = click;
    await ack();
    try {
      const result = await declineInterview(deps.db, {
        interviewId: Number(action.value),
        userId: body.user.id,
        now: deps.clock.now(),
      });
      await tell(
        click,
        result.ok
          ? 'Noted: you did not take part. The hiring lead is told, and you will not be reminded about this scorecard.'
          : result.error.message,
      );
    } catch (error) {
      logger.error('recording a panelist who did not take part failed', { user: body.user.id, error });
      await tell(click, APOLOGY);
    }
  });
  app.action<BlockButtonAction>(ACTION.nudgePanelist, async (click) => {
    const { ack, body, action, logger } = click;
    await ack();
    try {
      const [interviewId = '', panelistId = ''] = (action.value ?? '').split(':');
      const result = await nudgePanelist(deps.db, {
        interviewId: Number(interviewId),
        panelistId,
        actorId: body.user.id,
        now: deps.clock.now(),
      });
      await tell(
        click,
        result.ok
          ? `I reminded <@${panelistId}> once more about their scorecard for interview #${interviewId}.`
          : result.error.message,
      );
    } catch (error) {
      logger.error('nudging a panelist failed', { user: body.user.id, error });
      await tell(click, APOLOGY);
    }
  });
}
