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
 * Slack redelivers a request it thinks failed (X-Slack-Retry-Num). A retry of a delivery that was handled is
 * acknowledged and dropped; a delivery is recorded as handled only once its listeners finished, so a retry
 * of one that failed half-way is still handled.
 */
export function register(app: App, deps: Deps): void {
  app.use(async (args: AnyMiddlewareArgs & { context: { retryNum?: number }; next: () => Promise<void> }) => {
    const key = deliveryKey(args.body);
    if (!key) return args.next();
    if (args.context.retryNum) {
      const seen = await deps.db
        .selectFrom('slack_deliveries')
        .select('key')
        .where('key', '=', `handled:${key}`)
        .executeTakeFirst();
      if (seen) {
        deps.logger.debug(`dropping retried delivery ${key}`);
        const ack = (args as { ack?: () => Promise<void> }).ack;
        if (ack) await ack();
        return;
      }
    }
    await args.next();
    await deps.db
      .insertInto('slack_deliveries')
      .values({ key: `handled:${key}`, kind: 'handled', received_at: deps.clock.now().toISOString() })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
  });
}
