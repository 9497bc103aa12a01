// action_id / callback_id / block_id values shared by the block builders and the listeners.

export const CALLBACK = {
  schedule: 'schedule_interview',
  bankAdd: 'bank_add_question',
  kitModal: 'kit_modal',
  kitGuidance: 'kit_guidance',
  scorecard: 'scorecard',
  decision: 'decision_rationale',
} as const;

export const SCORECARD = {
  ratingPrefix: 'rating:',
  notePrefix: 'note:',
  takeaways: 'scorecard_takeaways',
  recommendation: 'scorecard_recommendation',
} as const;

export const SCHEDULE = {
  candidate: 'schedule_candidate',
  role: 'schedule_role',
  level: 'schedule_level',
  kind: 'schedule_kind',
  start: 'schedule_start',
  duration: 'schedule_duration',
  panelists: 'schedule_panelists',
  lead: 'schedule_lead',
  channel: 'schedule_channel',
  notes: 'schedule_notes',
} as const;

export const BANK_ADD = {
  text: 'bank_text',
  kind: 'bank_kind',
  competencies: 'bank_competencies',
  levels: 'bank_levels',
  minutes: 'bank_minutes',
  guidance: 'bank_guidance',
  strongAnswer: 'bank_strong_answer',
  redFlags: 'bank_red_flags',
  roles: 'bank_roles',
} as const;

export const ACTION = {
  swapQuestion: 'kit_swap',
  openKit: 'open_kit',
  /** Opens the full guidance and rubric of a kit in a modal. */
  openKitGuidance: 'open_kit_guidance',
  openScorecard: 'open_scorecard',
  /** "I did not take part" on the scorecard prompt. */
  declineInterview: 'decline_interview',
  /** The hiring lead's Nudge for a late panelist; value `interviewId:userId`. */
  nudgePanelist: 'nudge_panelist',
  /** scorecard_page:back and scorecard_page:next: another page of a long scorecard. */
  scorecardPage: 'scorecard_page',
  /** decide_hire, decide_no_hire, decide_another_round */
  decidePrefix: 'decide_',
  summaryForLead: 'summary_for_lead',
  /** Opens every scorecard of a loop in full, notes included, for those the blind rule allows. */
  fullScorecards: 'full_scorecards',
  forgetConfirm: 'forget_confirm',
  forgetCancel: 'forget_cancel',
} as const;

export const DECISION = {
  rationale: 'decision_rationale_text',
} as const;
