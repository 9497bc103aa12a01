import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ParsedUrlQuery, parse } from 'node:querystring';
import {
  type App,
  type BufferedIncomingMessage,
  HTTPModuleFunctions,
  type HTTPReceiver,
  HTTPResponseAck,
  isRawBodyError,
  isValidSlackRequest,
  type Logger,
} from '@slack/bolt';

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
 * A form's fields. An interactive request is the single field `payload`, whose value is decoded at once (half the
 * time of the query string parser, which walks the 30 to 40 KB character by character); any other form, or an
 * escape `decodeURIComponent` refuses, goes to the query string parser, which reads it leniently.
 */
export function formFields(raw: string): ParsedUrlQuery {
  if (raw.startsWith('payload=') && !raw.includes('&')) {
    try {
      return { payload: decodeURIComponent(raw.slice('payload='.length).replace(/\+/g, ' ')) };
    } catch {
      // a malformed escape: read as the query string parser reads it
    }
  }
  return parse(raw);
}

type Parsed =
  | { kind: 'ssl_check' }
  | { kind: 'request'; body: Record<string, unknown> }
  /** Not JSON, or no Slack request of a shape Bolt can read. */
  | { kind: 'malformed' };

/**
 * The body, parsed once: a slash command's form, an SSL check, or an object of a known shape. Bolt's HTTP receiver
 * parses a form body three times (twice as a query string, once as JSON), which for a scorecard's view submission
 * (30 to 40 KB of form-encoded JSON) cost more than the rest of the request (docs/benchmarks.md, "Seventh round").
 */
function parseSlackBody(raw: string, contentType: string | undefined): Parsed {
  let parsed: unknown;
  try {
    if (contentType === 'application/x-www-form-urlencoded') {
      const fields = formFields(raw);
      if (fields.ssl_check === '1') return { kind: 'ssl_check' };
      if (typeof fields.payload !== 'string')
        return typeof fields.command === 'string' ? { kind: 'request', body: fields } : { kind: 'malformed' };
      parsed = JSON.parse(fields.payload);
    } else parsed = JSON.parse(raw);
  } catch {
    return { kind: 'malformed' };
  }
  return isObject(parsed) && shaped(parsed) ? { kind: 'request', body: parsed } : { kind: 'malformed' };
}

function refuse(res: ServerResponse, status: number): void {
  if (res.headersSent) return;
  res.writeHead(status);
  res.end();
}

export interface SlackEndpointOptions {
  path: string;
  bodyLimit: number;
  signingSecret: string;
  logger: Logger;
}

/**
 * Serves Slack's endpoint in place of the HTTP receiver's own handling, with the same answers: 413 past the body
 * limit, an SSL check answered unsigned, 401 for a bad signature, 400 for a body that is no Slack request (Bolt
 * itself read `body.ssl_check` of whatever the body parsed to outside any try: a signed `payload=null` ended the
 * process), the URL verification challenge, and every other request handed to the app with Bolt's own ack (3 s
 * unhandled-request timeout, error handler). Other paths (the health route) stay the receiver's.
 */
export function serveSlackEndpoint(receiver: HTTPReceiver, app: App, options: SlackEndpointOptions): void {
  const { path, bodyLimit, signingSecret, logger } = options;
  const inner = receiver.requestListener;
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    let buffered: BufferedIncomingMessage;
    try {
      buffered = await HTTPModuleFunctions.bufferIncomingMessage(req, bodyLimit);
    } catch (error) {
      const tooLarge = isRawBodyError(error) && (error as { statusCode?: number }).statusCode === 413;
      logger.warn(tooLarge ? 'refused a request larger than the body limit' : 'could not read a request body');
      refuse(res, tooLarge ? 413 : 400);
      return;
    }
    const raw = buffered.rawBody.toString();
    const parsed = parseSlackBody(raw, req.headers['content-type']);
    if (parsed.kind === 'ssl_check') {
      HTTPModuleFunctions.buildSSLCheckResponse(res);
      return;
    }
    const signature = req.headers['x-slack-signature'];
    const signed = isValidSlackRequest({
      signingSecret,
      body: raw,
      headers: {
        'x-slack-signature': typeof signature === 'string' ? signature : '',
        'x-slack-request-timestamp': Number(req.headers['x-slack-request-timestamp']),
      },
    });
    if (!signed) {
      logger.warn('refused an unsigned request');
      refuse(res, 401);
      return;
    }
    if (parsed.kind === 'malformed') {
      logger.warn('refused a signed request that is no Slack request (400)');
      refuse(res, 400);
      return;
    }
    const { body } = parsed;
    if (body.type === 'url_verification') {
      HTTPModuleFunctions.buildUrlVerificationResponse(res, body);
      return;
    }
    const ack = new HTTPResponseAck({
      logger,
      processBeforeResponse: false,
      httpRequest: buffered,
      httpRequestBody: body,
      httpResponse: res,
    });
    try {
      await app.processEvent({
        body,
        ack: ack.bind(),
        retryNum: HTTPModuleFunctions.extractRetryNumFromHTTPRequest(req),
        retryReason: HTTPModuleFunctions.extractRetryReasonFromHTTPRequest(req),
        customProperties: {},
      });
    } catch (error) {
      const acknowledged = await HTTPModuleFunctions.defaultProcessEventErrorHandler({
        error: error as Error,
        logger,
        request: req,
        response: res,
        storedResponse: ack.storedResponse,
      });
      if (acknowledged) ack.ack();
    }
  };
  receiver.requestListener = (req: IncomingMessage, res: ServerResponse) => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'POST' || pathname !== path) {
      inner(req, res);
      return;
    }
    handle(req, res).catch((error: unknown) => {
      logger.error('handling a request failed', error);
      refuse(res, 500);
    });
  };
}
