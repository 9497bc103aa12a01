import type { AnyMiddlewareArgs, App } from '@slack/bolt';
import { z } from 'zod';
import type { Deps } from '../deps.js';

const payload = z
  .object({
    type: z.string().optional(),
    event_id: z.string().optional(),
    trigger_id: z.string().optional(),
    command: z.string().optional(),
    user: z.object({ id: z.string() }).optional(),
    actions: z.array(z.object({ action_ts: z.string().optional() })).optional(),
    view: z.object({ id: z.string(), hash: z.string().optional() }).optional(),
  })
  .loose();

/** What identifies one delivery from Slack, the same on each retry of it. */
export function deliveryKey(body: unknown): string | null {
  const parsed = payload.safeParse(body);
  if (!parsed.success) return null;
  const p = parsed.data;
  if (p.event_id) return `event:${p.event_id}`;
  if (p.command && p.trigger_id) return `command:${p.trigger_id}`;
  if (p.type === 'block_actions' && p.user && p.actions?.[0]?.action_ts)
    return `action:${p.user.id}:${p.actions[0].action_ts}`;
  if ((p.type === 'view_submission' || p.type === 'view_closed') && p.view)
    return `${p.type}:${p.view.id}:${p.view.hash ?? ''}`;
  return null;
}

/**
 * Slack redelivers a request it thinks failed (X-Slack-Retry-Num), often while the first delivery is still
 * being handled. Each delivery is claimed when it arrives; a retry of a claimed delivery is acknowledged and
 * dropped. A delivery whose listeners fail gives its claim back, so Slack's retry of it is handled.
 */
export function register(app: App, deps: Deps): void {
  app.use(async (args: AnyMiddlewareArgs & { context: { retryNum?: number }; next: () => Promise<void> }) => {
    const key = deliveryKey(args.body);
    if (!key) return args.next();
    const claimed = await deps.db
      .insertInto('slack_deliveries')
      .values({ key: `handled:${key}`, kind: 'handled', received_at: deps.clock.now().toISOString() })
      .onConflict((oc) => oc.column('key').doNothing())
      .executeTakeFirst();
    if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0 && args.context.retryNum) {
      deps.logger.debug(`dropping retried delivery ${key}`);
      const ack = (args as { ack?: () => Promise<void> }).ack;
      if (ack) await ack();
      return;
    }
    try {
      await args.next();
    } catch (error) {
      await deps.db.deleteFrom('slack_deliveries').where('key', '=', `handled:${key}`).execute();
      throw error;
    }
  });
}
