// What a user is told when saving a form takes longer than Slack waits (the database is busy).

/** Shown in the still-open scorecard form: nothing is lost, and they need not press Submit again. */
export const SAVING_DELAYED =
  'Still saving: the database is busy for a moment. You can close this form: I will DM you as soon as your scorecard is saved. No need to press Submit again.';

export function savedLateText(interviewId: number): string {
  return `:white_check_mark: Your scorecard for interview #${interviewId} is saved (it took a little longer than usual).`;
}

export function notSavedText(interviewId: number, reason: string): string {
  return (
    `:warning: Your scorecard for interview #${interviewId} was not saved: ${reason} ` +
    `If the form is still open, press Submit again; if you closed it, open it with \`/interview scorecard ${interviewId}\` and submit.`
  );
}

export const NOT_SAVED_BUSY = 'the database stayed busy (another program was writing to it).';

/** Shown in the still-open schedule form. */
export const SCHEDULING_DELAYED =
  'Still saving: the database is busy for a moment. You can close this form: I will DM you as soon as the interview is scheduled. No need to press Schedule again.';

export function scheduledLateText(interviewId: number, candidate: string): string {
  return `:white_check_mark: Interview #${interviewId} with ${candidate} is scheduled (it took a little longer than usual). The panel gets their kits by DM.`;
}

export function notScheduledText(reason: string): string {
  return `:warning: The interview was not scheduled: ${reason} If the form is still open, press Schedule again; if you closed it, run \`/interview schedule\` again.`;
}
