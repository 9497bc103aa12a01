import type { Kysely } from 'kysely';
import { transact } from '../db/database.js';
import { audit } from '../db/repositories/audit.js';
import { readBank } from '../db/repositories/bank.js';
import { firstDelivery } from '../db/repositories/deliveries.js';
import { getInterview, type PanelSeat, panelOfInterview, panelSeat } from '../db/repositories/interviews.js';
import { kitOf } from '../db/repositories/kits.js';
import { getLoop } from '../db/repositories/loops.js';
import { getScorecard, owedBy, saveDraft, saveSubmission } from '../db/repositories/scorecards.js';
import type { Database, Db } from '../db/schema.js';
import { type Interview, interviewNumber, type KitItemRecord, type Loop } from '../domain/loop.js';
import { escapeMrkdwn } from '../domain/mrkdwn.js';
import { isPanelist } from '../domain/permissions.js';
import {
  contentToDraft,
  mergeDraft,
  type ScorecardDraft,
  type ScorecardErrors,
  scorecardFields,
  validateScorecard,
} from '../domain/scorecard.js';
import { describeChanges } from '../domain/scorecard-changes.js';
import { type Bank, fail, ok, type Result } from '../domain/types.js';
import { readLoopMessages, refreshLoopMessages } from './loop-summary.js';
import { postThreadReply, refreshHomes } from './messages.js';

export interface ScorecardForm {
  bank: Bank;
  loop: Loop;
  interview: Interview;
  items: KitItemRecord[];
  initial: ScorecardDraft | null;
  restoredDraft: boolean;
  submitted: boolean;
}

type Target = { interview: Interview; loop: Loop };

/** Whether the user may write the interview's scorecard now: on its panel, and once it has started. */
function mayWrite(
  seat: PanelSeat | undefined,
  interviewId: number,
  now: Date,
  earlyMinutes = 0,
): Result<PanelSeat & { focus: string[] }> {
  if (!seat) return fail('not_found', `There is no interview #${interviewId}.`);
  const { focus } = seat;
  if (focus === null) {
    return fail(
      'forbidden',
      `Only the panel of interview #${interviewId} can write its scorecards, and you are not on it.`,
    );
  }
  if (seat.interviewStatus === 'cancelled')
    return fail('cancelled', `Interview #${interviewId} was cancelled: no scorecard is needed.`);
  if (seat.loopStatus !== 'open')
    return fail('closed', `The loop of interview #${interviewId} is decided: scorecards can no longer change.`);
  if (seat.startsAt.getTime() - earlyMinutes * 60_000 > now.getTime()) {
    // Feedback comes from the interview: a scorecard written before it would also open the blind summary early.
    return fail('not_started', `Interview #${interviewId} has not started yet: its scorecard opens when it starts.`);
  }
  return ok({ ...seat, focus });
}

/** The interview a panelist may write a scorecard for, with its loop (for the form). */
async function panelistTarget(
  db: Db,
  userId: string,
  interviewId: number,
  now: Date,
  earlyMinutes: number,
): Promise<Result<Target>> {
  const allowed = mayWrite(await panelSeat(db, interviewId, userId), interviewId, now, earlyMinutes);
  if (!allowed.ok) return allowed;
  const interview = await getInterview(db, interviewId);
  const loop = interview && (await getLoop(db, interview.loopId));
  if (!interview || !loop) return fail('not_found', `There is no interview #${interviewId}.`);
  return ok({ interview, loop });
}

/**
 * The scorecard form for an interview, or the most recent one the user owes. It opens `earlyMinutes` before the
 * start for taking notes during the interview (kept as the draft); submitting waits for the start.
 */
export async function scorecardForm(
  db: Kysely<Database>,
  userId: string,
  target: string | number | null,
  now: Date,
  earlyMinutes = 0,
): Promise<Result<ScorecardForm>> {
  let interviewId: number | null = typeof target === 'number' ? target : null;
  if (typeof target === 'string') {
    interviewId = interviewNumber(target);
    if (interviewId === null)
      return fail('invalid', `"${escapeMrkdwn(target)}" is not an interview number: try \`/interview scorecard 12\`.`);
  }
  if (interviewId === null) {
    const [owed] = await owedBy(db, userId, now);
    if (!owed)
      return fail(
        'none',
        'You owe no scorecards. To edit one you sent, use `/interview scorecard &lt;interview number&gt;`.',
      );
    interviewId = owed.interviewId;
  }
  const target2 = await panelistTarget(db, userId, interviewId, now, earlyMinutes);
  if (!target2.ok) return target2;
  const { interview, loop } = target2.value;
  const [bank, items, stored] = await Promise.all([
    readBank(db),
    kitOf(db, interview.id),
    getScorecard(db, interview.id, userId),
  ]);
  const submittedDraft = stored?.content ? contentToDraft(stored.content) : null;
  return ok({
    bank,
    loop,
    interview,
    items,
    initial: stored?.draft ?? submittedDraft,
    restoredDraft: Boolean(stored?.draft),
    submitted: stored?.status === 'submitted',
  });
}

const FOREIGN_NOTES =
  'This form has notes for questions that are not in this interview: close it and open your scorecard again.';

/**
 * Whether every note is for a question of the interview's kit. The form has one note field per question; a
 * payload with notes for other questions (or thousands of them) is forged, and nothing of it is stored.
 */
function notesFitKit(items: KitItemRecord[], draft: ScorecardDraft): boolean {
  const noted = Object.keys(draft.notes);
  if (noted.length === 0) return true;
  const asked = new Set(items.map((item) => item.questionId));
  return noted.length <= asked.size && noted.every((id) => asked.has(id));
}

export type SubmitResult =
  | { kind: 'saved'; revision: number; interviewId: number; loopId: number }
  | { kind: 'duplicate' }
  | { kind: 'invalid'; errors: ScorecardErrors; draft: ScorecardDraft };

/**
 * Saves a scorecard (a new revision when edited) and tells the thread who submitted, without any rating.
 * `draft` is the page on screen (`page`); a long scorecard's other pages come from the draft kept so far.
 */
export async function submitScorecard(
  db: Kysely<Database>,
  input: { interviewId: number; userId: string; draft: ScorecardDraft; page: number; deliveryKey: string; now: Date },
): Promise<Result<SubmitResult>> {
  return transact(db, async (trx): Promise<Result<SubmitResult>> => {
    const seat = mayWrite(await panelSeat(trx, input.interviewId, input.userId), input.interviewId, input.now);
    if (!seat.ok) return seat;
    const { interviewId, loopId, decisionChannelId, hiringLeadId } = seat.value;
    const items = await kitOf(trx, interviewId);
    if (!notesFitKit(items, input.draft)) {
      return ok({ kind: 'invalid', errors: { ratings: {}, keyTakeaways: FOREIGN_NOTES }, draft: input.draft });
    }
    const [bank, panel, stored] = await Promise.all([
      readBank(trx),
      panelOfInterview(trx, interviewId),
      getScorecard(trx, interviewId, input.userId),
    ]);
    const kept = stored?.draft ?? (stored?.content ? contentToDraft(stored.content) : null);
    const fields = scorecardFields(bank, panel, items, input.userId);
    const draft = mergeDraft(kept, input.draft, input.page === 0);
    const checked = validateScorecard(
      draft,
      fields.competencies.map((c) => c.id),
      new Set(fields.questions.map((q) => q.questionId)),
    );
    if (!checked.ok) return ok({ kind: 'invalid', errors: checked.errors, draft });
    const focus = fields.competencies.filter((c) => c.own).map((c) => c.id);
    if (!(await firstDelivery(trx, input.deliveryKey, 'scorecard', input.now))) return ok({ kind: 'duplicate' });
    const { revision } = await saveSubmission(trx, interviewId, input.userId, checked.value, focus, input.now);
    await audit(
      trx,
      {
        actor: input.userId,
        action: revision === 1 ? 'scorecard.submitted' : 'scorecard.revised',
        entityType: 'interview',
        entityId: interviewId,
        details: { revision },
      },
      input.now,
    );
    let text =
      revision === 1
        ? `:memo: <@${input.userId}> submitted their scorecard for interview #${interviewId}.`
        : `:pencil2: <@${input.userId}> updated their scorecard for interview #${interviewId} (revision ${revision}).`;
    const prompt = { interviewId, userId: input.userId };
    const messages = await readLoopMessages(trx, loopId, { prompt });
    // Once the summary is out and every scorecard is in, the thread may say what an edit changed.
    if (revision > 1 && stored?.content && messages.summaries[0]?.posted) {
      const { progress } = messages;
      const names = new Map(bank.competencies.map((c) => [c.id, c.name]));
      const changes = describeChanges(stored.content, checked.value, (id) => escapeMrkdwn(names.get(id) ?? id));
      if (progress.submitted === progress.expected && changes.length > 0) {
        text = `:pencil2: <@${input.userId}> ${changes.join('; ')} (interview #${interviewId}, revision ${revision}). The summary above is updated.`;
      }
    }
    await postThreadReply(trx, loopId, decisionChannelId, text, input.now);
    await refreshLoopMessages(trx, { id: loopId, channel: decisionChannelId }, input.now, { prompt, read: messages });
    await refreshHomes(trx, [input.userId, hiringLeadId], input.now);
    return ok({ kind: 'saved', revision, interviewId, loopId });
  });
}

/**
 * Keeps what a panelist typed when they close the modal without submitting, or turn to another page of it:
 * the page on screen over what was kept from the others.
 */
export async function keepScorecardDraft(
  db: Kysely<Database>,
  input: { interviewId: number; userId: string; draft: ScorecardDraft; page: number; now: Date },
): Promise<boolean> {
  const interview = await getInterview(db, input.interviewId);
  if (!interview || !isPanelist(input.userId, interview)) return false;
  const stored = await getScorecard(db, input.interviewId, input.userId);
  const kept = stored?.draft ?? (stored?.content ? contentToDraft(stored.content) : null);
  const draft = mergeDraft(kept, input.draft, input.page === 0);
  if (stored?.status === 'submitted' && !stored.draft && JSON.stringify(draft) === JSON.stringify(kept)) return false;
  const typed =
    draft.keyTakeaways !== '' ||
    draft.recommendation !== null ||
    Object.values(draft.ratings).some((r) => r !== null) ||
    Object.values(draft.notes).some((n) => n !== '');
  if (!typed || !notesFitKit(await kitOf(db, input.interviewId), draft)) return false;
  await saveDraft(db, input.interviewId, input.userId, draft, input.now);
  return true;
}
