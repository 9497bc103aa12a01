import type { BlockButtonAction } from '@slack/bolt';
import { keepScorecardDraft } from '../../../services/scorecard.js';
import type { Deps } from '../../deps.js';
import { readScorecardForm } from '../../forms/scorecard-form.js';
import { stateValues } from '../../forms/state.js';
import { ACTION } from '../../ids.js';
import type { Listeners } from '../../router.js';
import { scorecardView } from '../../scorecard-modal.js';
import { scorecardMetadata } from '../views/scorecard.js';

const PAGE = new RegExp(`^${ACTION.scorecardPage}:`);

/** A long scorecard's page buttons: what is on screen is kept as the draft, then the modal shows the other page. */
export function register(app: Listeners, deps: Deps): void {
  app.action<BlockButtonAction>(PAGE, async ({ ack, body, action, client, logger }) => {
    await ack();
    const view = body.view;
    const meta = view ? scorecardMetadata(view.private_metadata) : null;
    if (!view || !meta) return;
    const userId = body.user.id;
    try {
      const values = stateValues(view.state?.values) ?? {};
      await keepScorecardDraft(deps.db, {
        interviewId: meta.interviewId,
        userId,
        draft: readScorecardForm(values),
        page: meta.page,
        now: deps.clock.now(),
      });
      const next = await scorecardView(deps, userId, meta.interviewId, { page: Number(action.value) || 0 });
      const shown = next.ok
        ? next
        : await scorecardView(deps, userId, meta.interviewId, { page: meta.page, notice: next.error.message });
      if (!shown.ok) return;
      await client.views.update({ view_id: view.id, hash: view.hash, view: shown.value });
    } catch (error) {
      logger.error('turning a scorecard page failed', { user: userId, interviewId: meta.interviewId, error });
    }
  });
}
