import type { AdHocKitRequest } from '../../../domain/command-parser.js';
import { DEFAULT_ROLE } from '../../../domain/roles.js';
import { buildAdHocKit } from '../../../services/ad-hoc-kit.js';
import { kitBlocks, kitFallbackText } from '../../blocks/kit.js';
import { splitMessages } from '../../blocks/text.js';
import type { Deps } from '../../deps.js';
import { ephemeral } from '../../reply.js';
import type { CommandArgs } from './types.js';

/** `/interview questions senior technical 45m`: a kit for an interview that is not scheduled; nothing is saved. */
export async function adHocKit(deps: Deps, args: CommandArgs, request: AdHocKitRequest): Promise<void> {
  const { level, kind, minutes, panelists, defaulted } = request;
  const day = deps.clock.now().toISOString().slice(0, 10);
  const { kit, bank } = await buildAdHocKit(deps.db, {
    level,
    kind,
    minutes,
    panelists,
    role: DEFAULT_ROLE,
    allowanceMinutes: deps.config.allowanceMinutes,
    seed: `${args.command.user_id}:${day}:${level}:${kind}:${minutes}:${panelists}`,
  });
  const title = `${minutes}-minute ${level} ${kind} interview`;
  const assumed = defaulted.length > 0 ? ` Not given, so assumed: ${defaulted.join(', ')}.` : '';
  const subtitle = `Ad hoc kit · ${kit.plannedMinutes} of ${kit.budgetMinutes} minutes of questions (${deps.config.allowanceMinutes} min kept for opening and close) · ${panelists} panelist${panelists === 1 ? '' : 's'}.${assumed}`;
  const messages = splitMessages(kitBlocks(bank, kit, { title, subtitle, panelist: null, showTips: true }));
  const text = kitFallbackText(kit, title);
  const part = (i: number) => (messages.length > 1 ? ` (part ${i + 1} of ${messages.length})` : '');
  const [first, ...rest] = messages;
  await args.ack(ephemeral(text + part(0), first));
  for (const [i, blocks] of rest.entries()) await args.respond(ephemeral(text + part(i + 1), blocks));
}
