import type { Db } from '../schema.js';

export interface AuditEntry {
  actor: string;
  action: string;
  entityType: string;
  entityId: string | number;
  details?: Record<string, unknown>;
}

/** Appends to the audit trail; callers pass their transaction so the entry commits with the change. */
export async function audit(db: Db, entry: AuditEntry, now: Date): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: now.toISOString(),
      actor: entry.actor,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: String(entry.entityId),
      details: entry.details ? JSON.stringify(entry.details) : null,
    })
    .execute();
}
