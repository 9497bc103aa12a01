import type { WebClient } from '@slack/web-api';
import type { FieldErrors, ScheduleField, ScheduleRequest } from '../domain/schedule.js';
import type { Deps } from './deps.js';
import { beforeDeadline, type SlackFailure, slackFailure } from './slack-errors.js';
import { lookupUsers } from './users.js';

/**
 * How long the schedule form's Slack checks (people, channel) may take together. Slack wants the submission
 * answered within 3 s of the click; the save and the answer itself need the rest.
 */
export const SLACK_CHECKS_BUDGET_MS = 1500;

const AGAIN = 'Your entries are still here: press Schedule again.';

function problem(failure: SlackFailure, checking: string): string {
  switch (failure.kind) {
    case 'timeout':
      return `Slack did not answer in time while I checked ${checking}. ${AGAIN}`;
    case 'rate_limited':
      return `Slack is limiting how often this app may ask it just now, so I could not check ${checking}. Wait a minute; ${AGAIN}`;
    case 'no_permission':
      return `The app lacks the Slack permission to check ${checking}${failure.needed ? ` (${failure.needed})` : ''}: ask your Slack admin to reinstall it from its manifest.`;
    case 'slack_down':
      return `Slack had a problem on its side while I checked ${checking}. ${AGAIN}`;
    default:
      return `Slack would not let me check ${checking} (${'code' in failure ? failure.code : failure.kind}). ${AGAIN}`;
  }
}

async function checkPeople(
  deps: Deps,
  client: WebClient,
  request: ScheduleRequest,
  deadline: number,
): Promise<FieldErrors<ScheduleField>> {
  const errors: FieldErrors<ScheduleField> = {};
  let users: Awaited<ReturnType<typeof lookupUsers>>;
  try {
    const ids = [...request.panelists, request.hiringLeadId];
    users = await beforeDeadline(
      lookupUsers(client, deps.db, ids, deps.clock.now(), deps.config.defaultTimezone),
      deadline,
    );
  } catch (error) {
    deps.logger.warn('checking the panel at Slack failed', error);
    errors.panelists = problem(slackFailure(error), 'the panel');
    return errors;
  }
  const bots = request.panelists.filter((id) => users.get(id)?.isBot);
  const gone = request.panelists.filter((id) => users.get(id)?.missing);
  if (bots.length > 0)
    errors.panelists = `${bots.map((id) => `<@${id}>`).join(', ')} is a bot: panelists must be people.`;
  else if (gone.length > 0)
    errors.panelists = `${gone.map((id) => `<@${id}>`).join(', ')} is no longer in this workspace.`;
  const lead = users.get(request.hiringLeadId);
  if (lead?.isBot) errors.lead = 'The hiring lead must be a person, not a bot.';
  else if (lead?.missing) errors.lead = 'That person is no longer in this workspace.';
  return errors;
}

async function checkChannel(
  deps: Deps,
  client: WebClient,
  channel: string,
  deadline: number,
): Promise<FieldErrors<ScheduleField>> {
  try {
    const info = await beforeDeadline(client.conversations.info({ channel }), deadline);
    if (info.channel?.is_archived) return { channel: 'That channel is archived: choose another.' };
    if (!info.channel?.is_member) {
      return { channel: 'I am not in that channel yet: type `/invite @Interview Assistant` there, or choose another.' };
    }
    return {};
  } catch (error) {
    const failure = slackFailure(error);
    if (failure.kind === 'not_found') {
      return {
        channel: 'I cannot see that channel: invite me with `/invite @Interview Assistant` there, or choose another.',
      };
    }
    deps.logger.warn('checking the decision channel at Slack failed', error);
    return { channel: problem(failure, 'the channel') };
  }
}

/** What only Slack can tell: bots on the panel, people who left, a channel the app cannot post in; one budget. */
export async function slackChecks(
  deps: Deps,
  client: WebClient,
  request: ScheduleRequest,
  startedAt: number,
): Promise<FieldErrors<ScheduleField>> {
  const deadline = startedAt + SLACK_CHECKS_BUDGET_MS;
  const [people, channel] = await Promise.all([
    checkPeople(deps, client, request, deadline),
    checkChannel(deps, client, request.decisionChannelId, deadline),
  ]);
  return { ...people, ...channel };
}
