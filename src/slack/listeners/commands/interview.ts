import type { AllMiddlewareArgs, App, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { type Command, parseCommand } from '../../../domain/command-parser.js';
import { DEFAULT_ROLE } from '../../../domain/roles.js';
import { buildAdHocKit } from '../../../services/ad-hoc-kit.js';
import { helpBlocks } from '../../blocks/help.js';
import { kitBlocks, kitFallbackText } from '../../blocks/kit.js';
import { splitMessages } from '../../blocks/text.js';
import type { Deps } from '../../deps.js';
import { APOLOGY, ephemeral } from '../../reply.js';

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

const NOT_YET: Record<string, string> = {
  schedule: 'Scheduling from Slack',
  questions: 'Kits for scheduled interviews',
  upcoming: 'The list of upcoming interviews',
  scorecard: 'Scorecards',
  status: 'Loop status',
  cancel: 'Cancelling interviews',
  reschedule: 'Rescheduling interviews',
  bank: 'The question bank in Slack',
  forget: 'Erasing candidate data',
};

async function adHocKit(deps: Deps, args: Args, command: Extract<Command, { name: 'questions' }>): Promise<void> {
  if (!command.adHoc) return;
  const { level, kind, minutes, panelists, defaulted } = command.adHoc;
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

export function register(app: App, deps: Deps): void {
  app.command('/interview', async (args) => {
    const { command, ack, logger } = args;
    try {
      const parsed = parseCommand(command.text);
      if (!parsed.ok) {
        await ack(ephemeral(parsed.error.message, helpBlocks(parsed.error.message)));
        return;
      }
      const cmd = parsed.value;
      if (cmd.name === 'help') {
        await ack(ephemeral('How to use /interview', helpBlocks()));
      } else if (cmd.name === 'questions' && cmd.adHoc) {
        await adHocKit(deps, args, cmd);
      } else {
        await ack(
          ephemeral(
            `${NOT_YET[cmd.name] ?? 'That'} is not available in this version yet. Meanwhile, \`/interview questions senior technical 45m\` gives you an ad hoc kit.`,
          ),
        );
      }
    } catch (error) {
      logger.error('interview command failed', { user: command.user_id, text: command.text, error });
      await ack(ephemeral(APOLOGY)).catch(() => args.respond(ephemeral(APOLOGY)));
    }
  });
}
