import type { BlockButtonAction } from '@slack/bolt';
import { counted } from '../../../domain/plural.js';
import { eraseCandidate } from '../../../services/erase-candidate.js';
import { replaceClicked, tell } from '../../answer.js';
import { type Deps, isAdmin } from '../../deps.js';
import { ACTION } from '../../ids.js';
import { APOLOGY } from '../../reply.js';
import type { Listeners } from '../../router.js';

export function register(app: Listeners, deps: Deps): void {
  app.action<BlockButtonAction>(ACTION.forgetConfirm, async (click) => {
    const { ack, body, action, logger } = click;
    await ack();
    const userId = body.user.id;
    try {
      const result = await eraseCandidate(deps.db, {
        candidateId: Number(action.value),
        actor: userId,
        isAdmin: isAdmin(deps, userId),
        now: deps.clock.now(),
      });
      if (!result.ok) {
        await replaceClicked(click, result.error.message);
        return;
      }
      await replaceClicked(
        click,
        `:white_check_mark: Erased candidate #${result.value.candidateId}'s personal data; ${counted(result.value.messagesEdited, 'Slack message')} ${result.value.messagesEdited === 1 ? 'is' : 'are'} being edited. The erasure is in the audit trail.`,
      );
    } catch (error) {
      logger.error('erasing a candidate failed', { user: userId, error });
      await tell(click, APOLOGY);
    }
  });
  app.action<BlockButtonAction>(ACTION.forgetCancel, async (click) => {
    await click.ack();
    await replaceClicked(click, 'Nothing was erased.');
  });
}
