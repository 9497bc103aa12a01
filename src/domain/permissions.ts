import type { Interview, Loop } from './loop.js';

export interface Actor {
  userId: string;
  isAdmin: boolean;
}

/** Who may cancel or move an interview: the loop's hiring lead, whoever scheduled it, or an admin. */
export function canManageInterview(actor: Actor, loop: Loop, interview: Interview): boolean {
  return actor.isAdmin || actor.userId === loop.hiringLeadId || actor.userId === interview.createdBy;
}

export function isPanelist(userId: string, interview: Interview): boolean {
  return interview.panelists.some((p) => p.userId === userId);
}

/** Who may see every panelist's part of a kit: the hiring lead and admins. */
export function canSeeWholeKit(actor: Actor, loop: Loop): boolean {
  return actor.isAdmin || actor.userId === loop.hiringLeadId;
}
