import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Command } from '../../../domain/command-parser.js';
import type { Deps } from '../../deps.js';

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** Handles one subcommand; it must ack (within Slack's 3 seconds) before any slow work. */
export type SubcommandHandler<C extends Command = Command> = (
  deps: Deps,
  args: CommandArgs,
  command: C,
) => Promise<void>;
