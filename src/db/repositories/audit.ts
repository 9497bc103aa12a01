import { prepared } from '../compiled.js';
import type { Db } from '../schema.js';

export interface AuditEntry {
  actor: string;
  action: string;
  entityType: string;
  entityId: string | number;
  details?: Record<string, unknown>;
}

/** Appends to the audit trail; callers pass their transaction so the entry commits with the change. */
const insertEntry = prepared(
  (db, p: { at: string; actor: string; action: string; type: string; id: string; details: string | null }) =>
    db
      .insertInto('audit_log')
      .values({ at: p.at, actor: p.actor, action: p.action, entity_type: p.type, entity_id: p.id, details: p.details }),
);

export async function audit(db: Db, entry: AuditEntry, now: Date): Promise<void> {
  await insertEntry.run(db, {
    at: now.toISOString(),
    actor: entry.actor,
    action: entry.action,
    type: entry.entityType,
    id: String(entry.entityId),
    details: entry.details ? JSON.stringify(entry.details) : null,
  });
}
