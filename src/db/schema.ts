import type { Generated, Kysely, Transaction } from 'kysely';
import type { InterviewStatus, LoopStatus } from '../domain/loop.js';
import type { DecisionOutcome, InterviewKind, Level, QuestionKind, Rating, Recommendation } from '../domain/types.js';

export type KitItemStatus = 'active' | 'swapped' | 'released';
export type ScorecardStatus = 'draft' | 'submitted';
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'held';

// Dates are UTC ISO-8601 text; JSON columns hold text that repositories parse.

export interface CompetencyTable {
  id: string;
  name: string;
  description: string;
  kinds: string;
  rubric_1: string;
  rubric_2: string;
  rubric_3: string;
  rubric_4: string;
  updated_at: string;
}

export interface QuestionTable {
  id: string;
  text: string;
  roles: string;
  kind: QuestionKind;
  competencies: string;
  levels: string;
  minutes: number;
  guidance: string;
  strong_answer: string | null;
  red_flags: string;
  follow_ups: string;
  source: string;
  sensitive: Generated<number>;
  active: Generated<number>;
  uses: Generated<number>;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  style: string | null;
}

export interface InterviewerTipTable {
  id: string;
  text: string;
  source: string;
  audience: Generated<string>;
  kinds: Generated<string>;
  levels: Generated<string>;
}

export interface RoleTable {
  id: string;
  name: string;
  description: string;
}

export interface CandidateTable {
  id: Generated<number>;
  name: string | null;
  name_key: string | null;
  links: string | null;
  erased_at: string | null;
  created_at: string;
}

export interface LoopTable {
  id: Generated<number>;
  candidate_id: number;
  role: string;
  level: Level;
  hiring_lead_id: string;
  decision_channel_id: string;
  thread_ts: string | null;
  status: Generated<LoopStatus>;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface InterviewTable {
  id: Generated<number>;
  loop_id: number;
  kind: InterviewKind;
  starts_at: string;
  ends_at: string;
  duration_minutes: number;
  notes: string | null;
  status: Generated<InterviewStatus>;
  /** 1, then one more after each "another round" decision of the loop. */
  round: Generated<number>;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface InterviewPanelistTable {
  interview_id: number;
  user_id: string;
  position: number;
  focus: string;
  prompted_at: string | null;
  reminded_at: string | null;
  escalated_at: string | null;
  /** The start time (ISO) the reminder before the interview was sent for. */
  kit_reminded_for: string | null;
  /** When the panelist said they did not take part. */
  declined_at: string | null;
}

export interface KitItemTable {
  id: Generated<number>;
  interview_id: number;
  loop_id: number;
  panelist_id: string;
  question_id: string;
  competency_id: string;
  position: number;
  status: Generated<KitItemStatus>;
  created_at: string;
}

export interface ScorecardTable {
  id: Generated<number>;
  interview_id: number;
  panelist_id: string;
  status: Generated<ScorecardStatus>;
  draft: string | null;
  key_takeaways: string | null;
  recommendation: Recommendation | null;
  revision: Generated<number>;
  submitted_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ScorecardRatingTable {
  scorecard_id: number;
  competency_id: string;
  /** 1..4, null for "not observed". */
  rating: Rating | null;
  /** 1 when the competency was the rater's own focus (they asked its questions). */
  in_focus: Generated<number>;
}

export interface ScorecardNoteTable {
  scorecard_id: number;
  question_id: string;
  note: string;
}

export interface ScorecardRevisionTable {
  id: Generated<number>;
  scorecard_id: number;
  revision: number;
  content: string;
  submitted_by: string;
  submitted_at: string;
}

export interface DecisionTable {
  id: Generated<number>;
  loop_id: number;
  outcome: DecisionOutcome;
  rationale: string;
  decided_by: string;
  decided_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
  details: string | null;
}

export interface SlackDeliveryTable {
  key: string;
  kind: string;
  received_at: string;
}

export interface OutboxTable {
  id: Generated<number>;
  dedupe_key: string | null;
  method: string;
  channel: string | null;
  payload: string;
  ref_type: string | null;
  ref_id: string | null;
  status: Generated<OutboxStatus>;
  attempts: Generated<number>;
  next_attempt_at: string;
  claimed_until: string | null;
  last_error: string | null;
  result_channel: string | null;
  result_ts: string | null;
  created_at: string;
  sent_at: string | null;
}

/** A channel's pace across instances: no other instance than `paced_by` posts to it before `paced_until`. */
export interface OutboxChannelTable {
  channel: string;
  paced_until: string;
  /** The delivering worker that called Slack last (its own pace it keeps in memory, from the call's start). */
  paced_by: string;
}

export interface UserProfileTable {
  user_id: string;
  tz: string;
  is_bot: Generated<number>;
  /** The Slack display name (else real name), for exports; null until fetched. */
  name: string | null;
  fetched_at: string;
}

/** Version stamps of the bank's content and of question usage, set by triggers (one row, id 1). */
export interface BankVersionsTable {
  id: number;
  content: number;
  usage: number;
  /** What the app last loaded from the bank's files: their fingerprint and counts (JSON), null before. */
  files_loaded: string | null;
}

/** One interview's contribution to the insight report's totals, as [key, a, b, c] rows in JSON. */
export interface InsightInterviewTable {
  interview_id: number;
  lead_id: string;
  contribution: string;
  refreshed_at: string;
}

/** Running sums of the insight report over the team's loops ('team'), per key. */
export interface InsightTotalTable {
  scope: string;
  key: string;
  a: number;
  b: number;
  c: number;
}

export interface InsightStateTable {
  id: number;
  watermark: string | null;
  build_started_at: string | null;
  build_cursor: Generated<number>;
  interviews_count: Generated<number>;
  max_interview_id: Generated<number>;
  /** The layout of contributions the ledger holds; a newer one in the app rebuilds it. */
  version: Generated<number>;
}

export interface Database {
  competencies: CompetencyTable;
  questions: QuestionTable;
  interviewer_tips: InterviewerTipTable;
  roles: RoleTable;
  candidates: CandidateTable;
  loops: LoopTable;
  interviews: InterviewTable;
  interview_panelists: InterviewPanelistTable;
  kit_items: KitItemTable;
  scorecards: ScorecardTable;
  scorecard_ratings: ScorecardRatingTable;
  scorecard_notes: ScorecardNoteTable;
  scorecard_revisions: ScorecardRevisionTable;
  decisions: DecisionTable;
  audit_log: AuditLogTable;
  slack_deliveries: SlackDeliveryTable;
  outbox: OutboxTable;
  outbox_channels: OutboxChannelTable;
  user_profiles: UserProfileTable;
  bank_versions: BankVersionsTable;
  insight_interviews: InsightInterviewTable;
  insight_totals: InsightTotalTable;
  insight_state: InsightStateTable;
}

/** What repositories take: the database, or the transaction of the use case that calls them. */
export type Db = Kysely<Database> | Transaction<Database>;
