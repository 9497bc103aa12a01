import { matchRoles } from '../../../domain/roles.js';
import { scheduleRoles } from '../../../services/roles.js';
import { option } from '../../blocks/inputs.js';
import { LIMITS } from '../../blocks/text.js';
import type { Deps } from '../../deps.js';
import { SCHEDULE } from '../../ids.js';
import type { Listeners } from '../../router.js';

/** The schedule form's role search (an external select once there are more roles than a select can hold). */
export function register(app: Listeners, deps: Deps): void {
  app.options(SCHEDULE.role, async ({ ack, payload, logger }) => {
    try {
      const matches = matchRoles(await scheduleRoles(deps.db), payload.value ?? '');
      await ack({ options: matches.slice(0, LIMITS.selectOptions).map((r) => option(r.id, r.name)) });
    } catch (error) {
      logger.error('searching roles failed', { user: payload.user?.id, error });
      await ack({ options: [] });
    }
  });
}
