import { type Command, parseCommand } from '../../../domain/command-parser.js';
import { helpBlocks } from '../../blocks/help.js';
import type { Deps } from '../../deps.js';
import { APOLOGY, ephemeral } from '../../reply.js';
import type { Listeners } from '../../router.js';
import { adHocKit } from './ad-hoc-kit.js';
import { openBankAdd, searchQuestions } from './bank.js';
import { cancel, reschedule } from './change.js';
import { forget } from './forget.js';
import { insights } from './insights.js';
import { showKit } from './questions.js';
import { openScheduleModal } from './schedule.js';
import { scorecardCommand } from './scorecard.js';
import { status } from './status.js';
import type { CommandArgs } from './types.js';
import { showUpcoming } from './upcoming.js';

async function dispatch(deps: Deps, args: CommandArgs, cmd: Command): Promise<void> {
  switch (cmd.name) {
    case 'help':
      return void (await args.ack(ephemeral('How to use /interview', helpBlocks())));
    case 'questions':
      return cmd.adHoc ? adHocKit(deps, args, cmd.adHoc) : showKit(deps, args, cmd.target);
    case 'schedule':
      return openScheduleModal(deps, args, cmd.args);
    case 'upcoming':
      return showUpcoming(deps, args);
    case 'cancel':
      return cancel(deps, args, cmd.target);
    case 'reschedule':
      return reschedule(deps, args, cmd.target, cmd.when);
    case 'bank':
      return cmd.action === 'add' ? openBankAdd(deps, args) : searchQuestions(deps, args, cmd.query);
    case 'scorecard':
      return scorecardCommand(deps, args, cmd.target);
    case 'status':
      return status(deps, args, cmd.target);
    case 'forget':
      return forget(deps, args, cmd.target);
    case 'insights':
      return insights(deps, args, cmd.view);
    default: {
      const never: never = cmd;
      throw new Error(`unhandled subcommand ${JSON.stringify(never)}`);
    }
  }
}

export function register(app: Listeners, deps: Deps): void {
  app.command('/interview', async (args) => {
    const { command, logger } = args;
    let acked = false;
    const ack = args.ack;
    const tracked: CommandArgs = {
      ...args,
      ack: async (response?: Parameters<typeof ack>[0]) => {
        acked = true;
        await ack(response);
      },
    };
    try {
      const parsed = parseCommand(command.text);
      if (!parsed.ok) {
        await tracked.ack(ephemeral(parsed.error.message, helpBlocks(parsed.error.message)));
        return;
      }
      await dispatch(deps, tracked, parsed.value);
    } catch (error) {
      logger.error('interview command failed', { user: command.user_id, text: command.text, error });
      if (acked) await args.respond(ephemeral(APOLOGY)).catch(() => undefined);
      else await ack(ephemeral(APOLOGY));
    }
  });
}
