import { committedTransactions } from '../../../db/database.js';
import { bankVersions } from '../../../db/repositories/bank.js';
import type { AdHocKitRequest } from '../../../domain/command-parser.js';
import { kindName, levelName } from '../../../domain/labels.js';
import { DEFAULT_ROLE } from '../../../domain/roles.js';
import { LruCache } from '../../../lru.js';
import { buildAdHocKit } from '../../../services/ad-hoc-kit.js';
import { kitBlocks, kitFallbackText } from '../../blocks/kit.js';
import { splitMessages } from '../../blocks/text.js';
import type { Deps } from '../../deps.js';
import { type EphemeralMessage, ephemeral } from '../../reply.js';
import type { CommandArgs } from './types.js';

/**
 * Replies already rendered. An ad hoc kit depends only on its request, the requester and the day (its seed),
 * the bank and question usage: the same request answers with the same kit until one of these changes, so
 * it is planned and rendered once. Bounded, and keyed by the bank's version stamps.
 */
const replies = new LruCache<string, EphemeralMessage[]>(256);

/**
 * The bank's version stamps as last read. A burst of requests reads them once: again after this process
 * commits a change, or 250 ms later (a change from another process, such as a bank import, shows by then).
 */
const RECHECK_MS = 250;
type Versions = { content: number; usage: number };
const known = new WeakMap<Deps['db'], { versions: Versions; commits: number; at: number }>();

async function currentVersions(deps: Deps): Promise<Versions> {
  const at = performance.now();
  const commits = committedTransactions();
  const last = known.get(deps.db);
  if (last && last.commits === commits && at - last.at < RECHECK_MS) return last.versions;
  const versions = await bankVersions(deps.db);
  known.set(deps.db, { versions, commits, at });
  return versions;
}

async function render(deps: Deps, request: AdHocKitRequest, seed: string): Promise<EphemeralMessage[]> {
  const { level, kind, minutes, panelists, defaulted } = request;
  const { kit, bank } = await buildAdHocKit(deps.db, {
    level,
    kind,
    minutes,
    panelists,
    role: DEFAULT_ROLE,
    allowanceMinutes: deps.config.allowanceMinutes,
    seed,
  });
  const title = `${minutes}-minute ${levelName(level).toLowerCase()} ${kindName(kind).toLowerCase()} interview`;
  const assumed = defaulted.length > 0 ? ` Not given, so assumed: ${defaulted.join(', ')}.` : '';
  const subtitle = `Ad hoc kit · ${kit.plannedMinutes} of ${kit.budgetMinutes} minutes of questions (${deps.config.allowanceMinutes} min kept for opening and close) · ${panelists} panelist${panelists === 1 ? '' : 's'}.${assumed}`;
  const messages = splitMessages(
    kitBlocks(bank, kit, {
      title,
      subtitle,
      level,
      kind,
      durationMinutes: minutes,
      allowanceMinutes: deps.config.allowanceMinutes,
      seed,
    }),
  );
  const text = kitFallbackText(kit, title);
  const part = (i: number) => (messages.length > 1 ? ` (part ${i + 1} of ${messages.length})` : '');
  return messages.map((blocks, i) => ephemeral(text + part(i), blocks));
}

/** `/interview questions senior technical 45m`: a kit for an interview that is not scheduled; nothing is saved. */
export async function adHocKit(deps: Deps, args: CommandArgs, request: AdHocKitRequest): Promise<void> {
  const { level, kind, minutes, panelists, defaulted } = request;
  const day = deps.clock.now().toISOString().slice(0, 10);
  const seed = `${args.command.user_id}:${day}:${level}:${kind}:${minutes}:${panelists}`;
  const versions = await currentVersions(deps);
  const key = `${seed}:${defaulted.join(',')}:${deps.config.allowanceMinutes}:${versions.content}:${versions.usage}`;
  let reply = replies.get(key);
  if (!reply) {
    reply = await render(deps, request, seed);
    replies.set(key, reply);
  }
  const [first, ...rest] = reply;
  await args.ack(first);
  for (const message of rest) await args.respond(message);
}
