import type { AnyMiddlewareArgs, App } from '@slack/bolt';
import { firstDelivery, forgetDelivery } from '../../db/repositories/deliveries.js';
import { onlyAnswers, parseCommand } from '../../domain/command-parser.js';
import type { Deps } from '../deps.js';

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const record = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;

/** What identifies one delivery from Slack, the same on each retry of it (read on every request: no schema). */
export function deliveryKey(body: unknown): string | null {
  const p = record(body);
  if (!p) return null;
  const eventId = text(p.event_id);
  if (eventId) return `event:${eventId}`;
  const triggerId = text(p.trigger_id);
  if (text(p.command) && triggerId) return `command:${triggerId}`;
  if (p.type === 'block_actions') {
    const userId = text(record(p.user)?.id);
    const actionTs = Array.isArray(p.actions) ? text(record(p.actions[0])?.action_ts) : undefined;
    return userId && actionTs ? `action:${userId}:${actionTs}` : null;
  }
  if (p.type === 'view_submission' || p.type === 'view_closed') {
    const view = record(p.view);
    const viewId = text(view?.id);
    return viewId ? `${p.type}:${viewId}:${text(view?.hash) ?? ''}` : null;
  }
  return null;
}

// Modal submissions are not claimed here: each use case records its view id and hash in its own transaction
// (firstDelivery) and answers a repeat as already done, and a closed modal's draft is saved idempotently.

/** A slash command that only answers (a kit, help, a search): nothing to claim, a repeat is answered again. */
function answersOnly(body: unknown): boolean {
  const p = record(body);
  if (!p || !text(p.command) || typeof p.text !== 'string') return false;
  const parsed = parseCommand(p.text);
  return !parsed.ok || onlyAnswers(parsed.value);
}

/**
 * Slack redelivers a request it thinks failed (X-Slack-Retry-Num), often while the first delivery is still
 * being handled. Each delivery is claimed when it arrives; a retry of a claimed delivery is acknowledged and
 * dropped. A delivery whose listeners fail gives its claim back, so Slack's retry of it is handled.
 */
export function register(app: App, deps: Deps): void {
  app.use(async (args: AnyMiddlewareArgs & { context: { retryNum?: number }; next: () => Promise<void> }) => {
    const key = deliveryKey(args.body);
    if (!key || answersOnly(args.body) || key.startsWith('view_')) return args.next();
    const claimed = await firstDelivery(deps.db, `handled:${key}`, 'handled', deps.clock.now());
    if (!claimed && args.context.retryNum) {
      deps.logger.debug(`dropping retried delivery ${key}`);
      const ack = (args as { ack?: () => Promise<void> }).ack;
      if (ack) await ack();
      return;
    }
    try {
      await args.next();
    } catch (error) {
      await forgetDelivery(deps.db, `handled:${key}`);
      throw error;
    }
  });
}
