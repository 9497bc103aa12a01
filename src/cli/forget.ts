import { createInterface } from 'node:readline/promises';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { counted } from '../domain/plural.js';
import { candidatesNamed, eraseCandidate } from '../services/erase-candidate.js';
import { NotFound } from './errors.js';

export interface Confirmation {
  /** `--yes`: erase without asking. */
  yes: boolean;
  /** Asks on the terminal; null when there is no terminal to ask on. */
  ask: ((question: string) => Promise<string>) | null;
}

/** Asks on stdin/stderr when both are a terminal (stdout stays for the result). */
export function terminalConfirmation(yes: boolean): Confirmation {
  if (!process.stdin.isTTY) return { yes, ask: null };
  return {
    yes,
    ask: async (question) => {
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      try {
        return await rl.question(question);
      } finally {
        rl.close();
      }
    },
  };
}

/** `forget <candidate>`: finds one candidate, asks for confirmation (or takes --yes), erases. */
export async function forgetCommand(
  db: Kysely<Database>,
  target: string,
  confirm: Confirmation,
  now: Date,
): Promise<string> {
  const byId = /^#(\d+)$/.exec(target.trim());
  const found = await candidatesNamed(db, target);
  const ids = byId ? [Number(byId[1])] : found.map((c) => c.id);
  const [id] = ids;
  if (id === undefined) throw new NotFound(`No candidate named "${target}" (or already erased).`);
  if (ids.length > 1)
    throw new NotFound(
      `${ids.length} candidates are named "${target}": run forget again with #id, one of ${ids.map((n) => `#${n}`).join(', ')}.`,
    );
  if (!confirm.yes) {
    if (!confirm.ask) {
      throw new NotFound(
        `forget erases for good and there is no terminal to confirm on: pass --yes to erase "${target}".`,
      );
    }
    const loops = found.find((c) => c.id === id)?.loopIds.length;
    const what = loops === undefined ? `candidate #${id}` : `candidate #${id}, ${counted(loops, 'loop')}`;
    const answer = await confirm.ask(
      `Erase the personal data of "${target}" (${what})? This cannot be undone. Type yes to erase: `,
    );
    if (!/^\s*y(es)?\s*$/i.test(answer)) throw new NotFound('Nothing was erased.');
  }
  const result = await eraseCandidate(db, { candidateId: id, actor: 'cli', isAdmin: true, now });
  if (!result.ok) throw new NotFound(result.error.message);
  const edited = result.value.messagesEdited;
  const slack =
    edited === 0
      ? 'no Slack message names them'
      : `${counted(edited, 'Slack message')} will be edited when the app runs`;
  return `Erased candidate #${result.value.candidateId}'s personal data; ${slack}.`;
}
