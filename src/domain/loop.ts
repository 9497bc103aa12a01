import type { InterviewKind, Level } from './types.js';

export type LoopStatus = 'open' | 'decided' | 'withdrawn';
export type InterviewStatus = 'scheduled' | 'cancelled';

export interface Loop {
  id: number;
  candidateId: number;
  /** Null once the candidate's personal data has been erased. */
  candidateName: string | null;
  role: string;
  level: Level;
  hiringLeadId: string;
  decisionChannelId: string;
  threadTs: string | null;
  status: LoopStatus;
}

export interface Panelist {
  userId: string;
  position: number;
  focus: string[];
}

export interface Interview {
  id: number;
  loopId: number;
  kind: InterviewKind;
  startsAt: Date;
  durationMinutes: number;
  notes: string | null;
  status: InterviewStatus;
  /** 1, then one more after each "another round" decision of the loop. */
  round: number;
  createdBy: string;
  panelists: Panelist[];
}

export interface KitItemRecord {
  id: number;
  interviewId: number;
  panelistId: string;
  questionId: string;
  competencyId: string;
  position: number;
}

export function endsAt(interview: Pick<Interview, 'startsAt' | 'durationMinutes'>): Date {
  return new Date(interview.startsAt.getTime() + interview.durationMinutes * 60_000);
}

export function candidateLabel(loop: Pick<Loop, 'candidateName' | 'candidateId'>): string {
  return loop.candidateName ?? `Candidate #${loop.candidateId} (erased)`;
}

/** Reads `12` or `#12` as an interview number. */
export function interviewNumber(text: string): number | null {
  const match = /^#?(\d{1,9})$/.exec(text.trim());
  return match ? Number(match[1]) : null;
}
