import { ErrorCode } from '@slack/web-api';

/** What kind of failure a Web API call ended in, from @slack/web-api's error codes and Slack's own error. */
export type SlackFailure =
  | { kind: 'timeout' }
  | { kind: 'rate_limited' }
  | { kind: 'trigger_expired' }
  | { kind: 'refused_payload'; detail: string | null }
  | { kind: 'no_permission'; needed: string | null }
  | { kind: 'not_found'; code: string }
  | { kind: 'slack_down'; status: number | null }
  | { kind: 'other'; code: string };

const TRIGGER = new Set(['expired_trigger_id', 'exchanged_trigger_id', 'invalid_trigger_id', 'trigger_exchanged']);
const PAYLOAD = new Set([
  'invalid_arguments',
  'invalid_blocks',
  'invalid_blocks_format',
  'view_too_large',
  'msg_too_long',
]);
const PERMISSION = new Set([
  'missing_scope',
  'not_allowed_token_type',
  'no_permission',
  'access_denied',
  'ekm_access_denied',
]);
const NOT_FOUND = new Set(['channel_not_found', 'user_not_found', 'not_found', 'users_not_found']);

export function slackFailure(error: unknown): SlackFailure {
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: string;
    statusCode?: number;
    data?: { error?: string; needed?: string; response_metadata?: { messages?: string[] } };
  };
  if (e.code === 'deadline') return { kind: 'timeout' };
  if (e.code === ErrorCode.RateLimitedError) return { kind: 'rate_limited' };
  if (e.code === ErrorCode.RequestError) return { kind: 'timeout' };
  if (e.code === ErrorCode.HTTPError) return { kind: 'slack_down', status: e.statusCode ?? null };
  const code = e.data?.error ?? '';
  if (code === 'ratelimited' || code === 'rate_limited') return { kind: 'rate_limited' };
  if (TRIGGER.has(code)) return { kind: 'trigger_expired' };
  if (PAYLOAD.has(code)) return { kind: 'refused_payload', detail: e.data?.response_metadata?.messages?.[0] ?? null };
  if (PERMISSION.has(code)) return { kind: 'no_permission', needed: e.data?.needed ?? null };
  if (NOT_FOUND.has(code)) return { kind: 'not_found', code };
  if (code === 'internal_error' || code === 'fatal_error' || code === 'service_unavailable') {
    return { kind: 'slack_down', status: null };
  }
  return { kind: 'other', code: code || (e.code ?? 'unknown') };
}

/** Why a modal did not open, in words for the person who asked (`what`: "the schedule form", ...). */
export function whyNotOpened(error: unknown, what: string, again: string): string {
  const failure = slackFailure(error);
  switch (failure.kind) {
    case 'trigger_expired':
      return `Slack only lets an app open a form within 3 seconds of your click or command, and that time had passed before ${what} could open. ${again}`;
    case 'timeout':
      return `Slack did not answer in time when I asked it to open ${what}. ${again}`;
    case 'rate_limited':
      return `Slack is limiting how often this app may call it just now, so ${what} did not open. Wait a minute, then: ${again}`;
    case 'refused_payload':
      return `Slack refused to show ${what}: it breaks one of Slack’s limits for forms. Nothing was saved; please tell your Slack admin, who will find the details in the app’s log.`;
    case 'no_permission':
      return `The app lacks a Slack permission it needs to open ${what}${failure.needed ? ` (${failure.needed})` : ''}: ask your Slack admin to reinstall it from its manifest.`;
    case 'slack_down':
      return `Slack had a problem on its side while opening ${what}. ${again}`;
    case 'not_found':
    case 'other':
      return `Slack did not open ${what} (${failure.kind === 'other' ? failure.code : failure.code}). ${again} If it keeps happening, ask your Slack admin to check the app’s logs.`;
    default: {
      const never: never = failure;
      return String(never);
    }
  }
}

/** Resolves as `work` does, or rejects with code 'deadline' once `deadline` (a performance.now() time) passes. */
export function beforeDeadline<T>(work: Promise<T>, deadline: number): Promise<T> {
  const left = deadline - performance.now();
  if (left <= 0) return Promise.reject(Object.assign(new Error('deadline passed'), { code: 'deadline' }));
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('deadline passed'), { code: 'deadline' })), left);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
