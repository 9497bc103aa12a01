import { readBank } from '../../../db/repositories/bank.js';
import { isHiringLead } from '../../../db/repositories/loops.js';
import { searchBank } from '../../../domain/bank-search.js';
import { questionsForReview } from '../../../services/insight.js';
import { bankAddModal, bankSearchBlocks } from '../../blocks/bank.js';
import { bankReviewBlocks } from '../../blocks/insights.js';
import { type Deps, isAdmin } from '../../deps.js';
import { ephemeral } from '../../reply.js';
import { whyNotOpened } from '../../slack-errors.js';
import type { CommandArgs } from './types.js';

/** `/interview bank [words]`: search the question bank, or a summary without words. */
export async function searchQuestions(deps: Deps, args: CommandArgs, query: string): Promise<void> {
  const bank = await readBank(deps.db);
  const matches = query ? searchBank(bank, query) : [];
  const review = !query && isAdmin(deps, args.command.user_id) ? await questionsForReview(deps.db) : [];
  const text = new Map(bank.questions.map((q) => [q.id, q.text]));
  const names = { competency: (id: string) => id, question: (id: string) => text.get(id) ?? id };
  await args.ack(
    ephemeral(`Question bank: ${matches.length} matches`, [
      ...bankSearchBlocks(bank, query, matches),
      ...bankReviewBlocks(review, names),
    ]),
  );
}

/** `/interview bank add`: the add-a-question modal, for admins and hiring leads. */
export async function openBankAdd(deps: Deps, args: CommandArgs): Promise<void> {
  const userId = args.command.user_id;
  if (!isAdmin(deps, userId) && !(await isHiringLead(deps.db, userId))) {
    await args.ack(
      ephemeral(
        'Only admins and hiring leads can add questions to the bank. Ask one of them, or your Slack admin to add you to ADMIN_USER_IDS.',
      ),
    );
    return;
  }
  await args.ack();
  try {
    await args.client.views.open({ trigger_id: args.command.trigger_id, view: bankAddModal(await readBank(deps.db)) });
  } catch (error) {
    deps.logger.warn('could not open the bank modal', error);
    await args.respond(ephemeral(whyNotOpened(error, 'the form', 'Please run `/interview bank add` again.')));
  }
}
