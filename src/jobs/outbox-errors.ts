import { ErrorCode } from '@slack/web-api';

/** Slack refuses the token itself: nothing can be delivered until it is fixed, so delivery pauses (nothing fails). */
export const AUTH_ERRORS = new Set([
  'invalid_auth',
  'token_revoked',
  'token_expired',
  'account_inactive',
  'not_authed',
]);

/** The app cannot post in a channel until someone invites it (or unarchives the channel). */
export const CHANNEL_ACCESS_ERRORS = new Set(['not_in_channel', 'channel_not_found', 'is_archived']);

/** Slack's own trouble: worth another try. */
const TRANSIENT = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

export type Failure =
  | { kind: 'ratelimited'; retryAfterMs: number }
  | { kind: 'auth'; error: string }
  | { kind: 'channel'; error: string }
  | { kind: 'transient'; error: string }
  | { kind: 'refused'; error: string };

/** What a failed Web API call means for the message (see @slack/web-api's error classes). */
export function classifyFailure(error: unknown): Failure {
  const e = error as { code?: string; data?: { error?: string }; retryAfter?: number; statusCode?: number };
  if (e.code === ErrorCode.RateLimitedError) {
    return { kind: 'ratelimited', retryAfterMs: Math.max(1, e.retryAfter ?? 1) * 1000 };
  }
  if (e.code === ErrorCode.PlatformError) {
    const code = e.data?.error ?? 'unknown_error';
    if (code === 'ratelimited') return { kind: 'ratelimited', retryAfterMs: 1000 };
    if (AUTH_ERRORS.has(code)) return { kind: 'auth', error: code };
    if (CHANNEL_ACCESS_ERRORS.has(code)) return { kind: 'channel', error: code };
    return TRANSIENT.has(code) ? { kind: 'transient', error: code } : { kind: 'refused', error: code };
  }
  // HTTP 5xx, network errors and time-outs: Slack may be down for a while.
  const message = error instanceof Error ? error.message : String(error);
  const status = e.statusCode ? ` ${e.statusCode}` : '';
  return { kind: 'transient', error: `${e.code ?? 'error'}${status}: ${message}`.slice(0, 300) };
}

/** One line for the operator: what Slack said about the token, and what to do. */
export function authAdvice(error: string): string {
  const what =
    error === 'token_revoked' || error === 'token_expired'
      ? 'the bot token was revoked (the app was uninstalled or the token rotated)'
      : error === 'account_inactive'
        ? 'the bot token belongs to a deactivated app or workspace'
        : error === 'not_authed'
          ? 'no bot token reached Slack'
          : 'Slack does not accept the bot token';
  return (
    `Slack refused delivery (${error}): ${what}. Messages are kept, not lost: reinstall the app to the workspace ` +
    'and set SLACK_BOT_TOKEN to its current Bot User OAuth Token, then restart; delivery also resumes by itself ' +
    'as soon as auth.test accepts the token (checked every minute).'
  );
}
