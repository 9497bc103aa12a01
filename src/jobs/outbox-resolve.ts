import type { Kysely } from 'kysely';
import { deliveredRef, type OutboxRow } from '../db/repositories/outbox.js';
import type { Database } from '../db/schema.js';
import type { Renderer } from './outbox-worker.js';

/** A queued message made ready to send: its arguments, or why not now. */
export type Resolved =
  | { kind: 'args'; args: Record<string, unknown> }
  | { kind: 'wait' }
  | { kind: 'skip' }
  | { kind: 'held'; error: string }
  | { kind: 'refuse'; error: string };

/** Fills in references and rendered content. */
export async function resolveMessage(
  db: Kysely<Database>,
  renderers: Record<string, Renderer>,
  row: OutboxRow,
): Promise<Resolved> {
  const payload = JSON.parse(row.payload) as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(payload)) {
    if (key === '$render') continue;
    const ref = value && typeof value === 'object' ? (value as { $ts?: string; $channel?: string }) : null;
    const refKey = ref?.$ts ?? ref?.$channel;
    if (refKey === undefined) {
      args[key] = value;
      continue;
    }
    const delivered = await deliveredRef(db, refKey);
    if (delivered === null) return { kind: 'wait' };
    if (delivered === 'held') return { kind: 'held', error: `the message ${refKey} it belongs to was set aside` };
    if (delivered === undefined) return { kind: 'refuse', error: `the message ${refKey} was never sent` };
    args[key] = ref?.$ts !== undefined ? delivered.ts : delivered.channel;
  }
  const render = payload.$render as { name?: string } | undefined;
  if (render?.name) {
    const renderer = renderers[render.name];
    if (!renderer) return { kind: 'refuse', error: `no renderer "${render.name}"` };
    const fields = await renderer(db, render as Record<string, unknown>);
    if (fields === null) return { kind: 'skip' };
    Object.assign(args, fields);
  }
  return { kind: 'args', args };
}

/**
 * Messages to one channel go one at a time, in order. App Home views (no channel) keep their order per user:
 * two publishes for one user must not overtake each other.
 */
export function laneOf(row: OutboxRow): string {
  if (row.channel !== null) return row.channel;
  try {
    const user = (JSON.parse(row.payload) as { user_id?: unknown }).user_id;
    return typeof user === 'string' ? `home:${user}` : `row:${row.id}`;
  } catch {
    return `row:${row.id}`;
  }
}
