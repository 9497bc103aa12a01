import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse } from 'node:querystring';
import { HTTPModuleFunctions, type HTTPReceiver, isRawBodyError, isValidSlackRequest, type Logger } from '@slack/bolt';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const hasUser = (body: Record<string, unknown>) => isObject(body.user) && typeof body.user.id === 'string';

/** The fields Bolt reads of each kind of request before any listener runs (a missing one throws inside Bolt). */
function shaped(body: Record<string, unknown>): boolean {
  switch (body.type) {
    case 'event_callback':
      return isObject(body.event) && typeof body.event.type === 'string';
    case 'block_actions':
      return hasUser(body) && Array.isArray(body.actions) && body.actions.length > 0 && body.actions.every(isObject);
    case 'view_submission':
    case 'view_closed':
      return hasUser(body) && isObject(body.view);
    case 'block_suggestion':
      return hasUser(body) && typeof body.action_id === 'string';
    case undefined:
      return false;
    default:
      return typeof body.type === 'string';
  }
}

/**
 * Whether the body can be a Slack request: a slash command's form, an SSL check, or an object of a known shape.
 * Bolt's HTTP receiver reads `body.ssl_check` of whatever the body parses to, outside any try: a body of `null`
 * (form `payload=null`, or a JSON body `null`) throws there, and the unhandled rejection ends the process. A body
 * that is not JSON at all is left to Bolt, which answers 400 once the signature is checked.
 */
function slackRequest(raw: string, contentType: string | undefined): boolean {
  let parsed: unknown;
  try {
    if (contentType === 'application/x-www-form-urlencoded') {
      const fields = parse(raw);
      if (fields.ssl_check === '1') return true;
      if (typeof fields.payload !== 'string') return typeof fields.command === 'string';
      parsed = JSON.parse(fields.payload);
    } else parsed = JSON.parse(raw);
  } catch {
    return true;
  }
  return isObject(parsed) && shaped(parsed);
}

function refuse(res: ServerResponse, status: number): void {
  if (res.headersSent) return;
  res.writeHead(status);
  res.end();
}

/**
 * Reads the body of each request to Slack's endpoint before Bolt does, and answers 400 when it is no Slack request,
 * so that no request can end the process. Bolt reuses the body read here (it reads `rawBody` when present).
 */
export function guardSlackEndpoint(
  receiver: HTTPReceiver,
  options: { path: string; bodyLimit: number; signingSecret: string; logger: Logger },
): void {
  const { path, bodyLimit, signingSecret, logger } = options;
  const inner = receiver.requestListener;
  receiver.requestListener = (req: IncomingMessage, res: ServerResponse) => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'POST' || pathname !== path) {
      inner(req, res);
      return;
    }
    void (async () => {
      let buffered: Awaited<ReturnType<typeof HTTPModuleFunctions.bufferIncomingMessage>>;
      try {
        buffered = await HTTPModuleFunctions.bufferIncomingMessage(req, bodyLimit);
      } catch (error) {
        const tooLarge = isRawBodyError(error) && (error as { statusCode?: number }).statusCode === 413;
        logger.warn(tooLarge ? 'refused a request larger than the body limit' : 'could not read a request body');
        refuse(res, tooLarge ? 413 : 400);
        return;
      }
      const body = buffered.rawBody.toString();
      if (!slackRequest(body, req.headers['content-type'])) {
        const signature = req.headers['x-slack-signature'];
        const signed = isValidSlackRequest({
          signingSecret,
          body,
          headers: {
            'x-slack-signature': typeof signature === 'string' ? signature : '',
            'x-slack-request-timestamp': Number(req.headers['x-slack-request-timestamp']),
          },
        });
        logger.warn(signed ? 'refused a signed request that is no Slack request (400)' : 'refused an unsigned request');
        refuse(res, signed ? 400 : 401);
        return;
      }
      inner(buffered, res);
    })().catch((error: unknown) => {
      logger.error('handling a request failed', error);
      refuse(res, 500);
    });
  };
}
