// Drives the app exactly as Slack does: signed HTTP posts to POST /slack/events (slash command form posts and
// interactive `payload=` form posts for block_actions, view_submission and view_closed).
import { createHmac, randomBytes, randomInt } from 'node:crypto';
import { isObject } from './block-limits.js';
import { checkMrkdwn } from './mrkdwn-check.js';
import { FAKE_APP_ID, FAKE_BOT_ID, FAKE_TEAM_DOMAIN, FAKE_TEAM_ID } from './slack-ids.js';
import type { StateValues } from './view-state.js';

export * from './view-state.js';

export interface SignatureHeaders {
  'x-slack-signature': string;
  'x-slack-request-timestamp': string;
}

/** Slack's v0 request signature: HMAC-SHA256 of `v0:<timestamp>:<body>` keyed by the signing secret. */
export function signBody(
  signingSecret: string,
  body: string,
  timestamp: number = Math.floor(Date.now() / 1000),
): SignatureHeaders {
  const digest = createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'x-slack-signature': `v0=${digest}`, 'x-slack-request-timestamp': String(timestamp) };
}

/** Headers Slack adds when it redelivers a request. */
export function retryHeaders(num = 1, reason = 'http_timeout'): Record<string, string> {
  return { 'x-slack-retry-num': String(num), 'x-slack-retry-reason': reason };
}

export interface RequestOverrides {
  /** Extra headers (win over the computed ones), e.g. retryHeaders(). */
  headers?: Record<string, string>;
  /** Unix seconds used for X-Slack-Request-Timestamp and the signature (e.g. a stale one). */
  timestamp?: number;
  /** Sent instead of the computed X-Slack-Signature (forgery). */
  signature?: string;
  /**
   * Slack waits this long for the answer (3000 ms for an acknowledgement), then gives up and tells the user the
   * app did not respond: the response then has `abandoned: true`.
   */
  slackWaitsMs?: number;
}

export interface SendOptions extends RequestOverrides {
  contentType: string;
}

export interface SlackResponse {
  status: number;
  body: string;
  /** The body parsed as JSON when it is JSON (e.g. an ack with a response_action or a message). */
  json?: unknown;
  /** Slack gave up waiting (see slackWaitsMs): whatever the app answers later is lost. */
  abandoned?: boolean;
  /** The trigger_id / response_url sent with the request, to find the app's follow-up calls. */
  triggerId?: string;
  responseUrl?: string;
  /** What was sent: the form fields of a slash command, or the interaction payload. */
  sent?: Record<string, unknown>;
}

export interface SlackSenderOptions {
  /** The app's base URL, e.g. http://127.0.0.1:3000 (requests go to `${baseUrl}${path}`). */
  baseUrl: string;
  signingSecret: string;
  teamId?: string;
  teamDomain?: string;
  appId?: string;
  /** URL for the response_url of a request; pass `(id) => fake.responseUrl(id)` to record responses. */
  responseUrl?: (id: string) => string;
  /** Default '/slack/events'. */
  path?: string;
  /** The deprecated verification token carried in bodies (default 'verification-token'). */
  verificationToken?: string;
}

export interface SlashCommandInput extends RequestOverrides {
  userId: string;
  userName?: string;
  text: string;
  command?: string;
  /** Default: the user's DM with the bot, 'D' + userId without its first letter. */
  channelId?: string;
  channelName?: string;
  triggerId?: string;
}

export interface BlockActionInput extends RequestOverrides {
  userId: string;
  userName?: string;
  actionId: string;
  /** Default: the value of the element with this action_id in `message`/`view` blocks. */
  value?: string;
  /** Default: the block_id of the block holding that element. */
  blockId?: string;
  /** For selects and radio buttons: the chosen option. */
  selectedOption?: string | { value: string; text?: string };
  /** Element type; default from the element found, else 'static_select' with selectedOption, else 'button'. */
  type?: string;
  /** The view the action happened in (e.g. fake.view(id)): container { type: 'view' }. */
  view?: Record<string, unknown>;
  /** The message the action happened in (e.g. fake.messagesIn(ch)[0]): container { type: 'message' }. */
  message?: { ts: string; channel?: string; text?: string; blocks?: unknown[]; thread_ts?: string };
  channel?: string;
  isEphemeral?: boolean;
  triggerId?: string;
  /** state.values sent along (actions inside a modal carry its current input state). */
  state?: StateValues;
}

export interface ViewInput {
  /** A view as FakeSlack stored it (fake.view(id), fake.lastCall('views.open')?.response?.view); fields below win. */
  from?: Record<string, unknown>;
  id?: string;
  callbackId?: string;
  privateMetadata?: string;
  state?: StateValues;
  hash?: string;
  externalId?: string;
  blocks?: unknown[];
}

export interface BlockSuggestionInput extends RequestOverrides {
  userId: string;
  /** The external select's action_id (and block_id, by default the same). */
  actionId: string;
  blockId?: string;
  /** What the user has typed so far. */
  value: string;
  /** The modal the select is in (e.g. the stored view). */
  view: Record<string, unknown>;
}

export interface ViewSubmissionInput extends RequestOverrides {
  userId: string;
  userName?: string;
  view: ViewInput;
  triggerId?: string;
}

export interface ViewClosedInput extends RequestOverrides {
  userId: string;
  userName?: string;
  view: ViewInput;
  isCleared?: boolean;
}

function findElement(
  blocks: unknown,
  actionId: string,
): { blockId?: string; element: Record<string, unknown> } | undefined {
  if (!Array.isArray(blocks)) return undefined;
  for (const block of blocks) {
    if (!isObject(block)) continue;
    const elements = Array.isArray(block.elements) ? block.elements : [];
    for (const element of [block.accessory, block.element, ...elements]) {
      if (isObject(element) && element.action_id === actionId) {
        return typeof block.block_id === 'string' ? { blockId: block.block_id, element } : { element };
      }
    }
  }
  return undefined;
}

const actionTs = (): string => (Date.now() / 1000).toFixed(6);

export class SlackSender {
  readonly url: string;
  private readonly options: SlackSenderOptions;
  private seq = 0;

  constructor(options: SlackSenderOptions) {
    this.options = options;
    this.url = new URL(options.path ?? '/slack/events', options.baseUrl).toString();
  }

  private get teamId(): string {
    return this.options.teamId ?? FAKE_TEAM_ID;
  }

  /** A fresh trigger_id; its first part is the issue time in ms (FakeSlack expires it after 3 s). */
  newTriggerId(): string {
    return `${Date.now()}.${randomInt(1e9, 1e10)}.${randomBytes(16).toString('hex')}`;
  }

  /** The response_url for a new request. */
  newResponseUrl(kind: string): string {
    const id = `${kind}-${++this.seq}-${randomBytes(3).toString('hex')}`;
    return this.options.responseUrl?.(id) ?? `http://127.0.0.1:9/response_url/${id}`;
  }

  /** POSTs a raw body, signed unless `signature` is given. */
  async send(body: string, options: SendOptions): Promise<SlackResponse> {
    const signed = signBody(this.options.signingSecret, body, options.timestamp);
    const headers: Record<string, string> = {
      'content-type': options.contentType,
      ...signed,
      ...(options.signature === undefined ? {} : { 'x-slack-signature': options.signature }),
      ...options.headers,
    };
    const signal = options.slackWaitsMs === undefined ? undefined : AbortSignal.timeout(options.slackWaitsMs);
    let res: Response;
    let text: string;
    try {
      res = await fetch(this.url, { method: 'POST', headers, body, ...(signal ? { signal } : {}) });
      text = await res.text();
    } catch (error) {
      if (signal?.aborted) return { status: 0, body: '', abandoned: true };
      throw error;
    }
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    // What the app acknowledged with reaches Slack too (a message, or a view of response_action update/push).
    if (isObject(json)) checkMrkdwn('ack', json);
    return json === undefined ? { status: res.status, body: text } : { status: res.status, body: text, json };
  }

  /** POSTs an interaction payload as Slack does: form-encoded `payload=<json>`. */
  async sendPayload(payload: Record<string, unknown>, overrides: RequestOverrides = {}): Promise<SlackResponse> {
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const result = await this.send(body, { contentType: 'application/x-www-form-urlencoded', ...overrides });
    const triggerId = typeof payload.trigger_id === 'string' ? { triggerId: payload.trigger_id } : {};
    const responseUrl = typeof payload.response_url === 'string' ? { responseUrl: payload.response_url } : {};
    return { ...result, ...triggerId, ...responseUrl, sent: payload };
  }

  async slashCommand(input: SlashCommandInput): Promise<SlackResponse> {
    const channelId = input.channelId ?? `D${input.userId.slice(1)}`;
    const triggerId = input.triggerId ?? this.newTriggerId();
    const responseUrl = this.newResponseUrl('command');
    const fields: Record<string, string> = {
      token: this.options.verificationToken ?? 'verification-token',
      team_id: this.teamId,
      team_domain: this.options.teamDomain ?? FAKE_TEAM_DOMAIN,
      channel_id: channelId,
      channel_name: input.channelName ?? (channelId.startsWith('D') ? 'directmessage' : channelId.toLowerCase()),
      user_id: input.userId,
      user_name: input.userName ?? input.userId.toLowerCase(),
      command: input.command ?? '/interview',
      text: input.text,
      api_app_id: this.options.appId ?? FAKE_APP_ID,
      is_enterprise_install: 'false',
      response_url: responseUrl,
      trigger_id: triggerId,
    };
    const body = new URLSearchParams(fields).toString();
    const result = await this.send(body, {
      contentType: 'application/x-www-form-urlencoded',
      ...this.overrides(input),
    });
    return { ...result, triggerId, responseUrl, sent: fields };
  }

  async blockAction(input: BlockActionInput): Promise<SlackResponse> {
    const found = findElement(input.view?.blocks ?? input.message?.blocks, input.actionId);
    const selected =
      typeof input.selectedOption === 'string' ? { value: input.selectedOption } : (input.selectedOption ?? undefined);
    const type =
      input.type ??
      (typeof found?.element.type === 'string' ? found.element.type : undefined) ??
      (selected ? 'static_select' : 'button');
    const value = input.value ?? (typeof found?.element.value === 'string' ? found.element.value : undefined);
    const action: Record<string, unknown> = {
      type,
      action_id: input.actionId,
      block_id: input.blockId ?? found?.blockId ?? randomBytes(3).toString('base64url'),
      action_ts: actionTs(),
      ...(value === undefined || selected ? {} : { value }),
      ...(found?.element.text === undefined ? {} : { text: found.element.text }),
      ...(selected
        ? {
            selected_option: {
              text: { type: 'plain_text', text: selected.text ?? selected.value, emoji: true },
              value: selected.value,
            },
          }
        : {}),
    };
    const payload: Record<string, unknown> = {
      type: 'block_actions',
      user: this.user(input.userId, input.userName),
      api_app_id: this.options.appId ?? FAKE_APP_ID,
      token: this.options.verificationToken ?? 'verification-token',
      trigger_id: input.triggerId ?? this.newTriggerId(),
      team: { id: this.teamId, domain: this.options.teamDomain ?? FAKE_TEAM_DOMAIN },
      enterprise: null,
      is_enterprise_install: false,
      state: { values: input.state ?? {} },
      actions: [action],
    };
    if (input.view) {
      const view = { ...input.view, state: { values: input.state ?? {} } };
      Object.assign(payload, { container: { type: 'view', view_id: input.view.id }, view });
    } else {
      const channel = input.channel ?? input.message?.channel ?? `D${input.userId.slice(1)}`;
      const container: Record<string, unknown> = {
        type: 'message',
        channel_id: channel,
        is_ephemeral: !!input.isEphemeral,
      };
      if (input.message) {
        const {
          channel: _channel,
          deleted: _deleted,
          edited: _edited,
          ...rest
        } = input.message as Record<string, unknown>;
        container.message_ts = input.message.ts;
        payload.message = { type: 'message', text: '', ...rest };
      }
      const name = channel.startsWith('D') ? 'directmessage' : channel.toLowerCase();
      Object.assign(payload, {
        container,
        channel: { id: channel, name },
        response_url: this.newResponseUrl('action'),
      });
    }
    return this.sendPayload(payload, this.overrides(input));
  }

  /** An external select asking for its options as the user types (block_suggestion); no response_url. */
  async blockSuggestion(input: BlockSuggestionInput): Promise<SlackResponse> {
    const view = this.viewJson({ from: input.view });
    const payload = {
      type: 'block_suggestion',
      user: this.user(input.userId),
      container: { type: 'view', view_id: view.id },
      api_app_id: this.options.appId ?? FAKE_APP_ID,
      token: this.options.verificationToken ?? 'verification-token',
      action_id: input.actionId,
      block_id: input.blockId ?? input.actionId,
      value: input.value,
      team: { id: this.teamId, domain: this.options.teamDomain ?? FAKE_TEAM_DOMAIN },
      enterprise: null,
      is_enterprise_install: false,
      view,
    };
    return this.sendPayload(payload, this.overrides(input));
  }

  async viewSubmission(input: ViewSubmissionInput): Promise<SlackResponse> {
    const payload = {
      type: 'view_submission',
      team: { id: this.teamId, domain: this.options.teamDomain ?? FAKE_TEAM_DOMAIN },
      user: this.user(input.userId, input.userName),
      api_app_id: this.options.appId ?? FAKE_APP_ID,
      token: this.options.verificationToken ?? 'verification-token',
      trigger_id: input.triggerId ?? this.newTriggerId(),
      view: this.viewJson(input.view),
      response_urls: [],
      is_enterprise_install: false,
      enterprise: null,
    };
    return this.sendPayload(payload, this.overrides(input));
  }

  async viewClosed(input: ViewClosedInput): Promise<SlackResponse> {
    const payload = {
      type: 'view_closed',
      team: { id: this.teamId, domain: this.options.teamDomain ?? FAKE_TEAM_DOMAIN },
      user: this.user(input.userId, input.userName),
      api_app_id: this.options.appId ?? FAKE_APP_ID,
      token: this.options.verificationToken ?? 'verification-token',
      view: this.viewJson(input.view),
      is_cleared: input.isCleared ?? false,
      is_enterprise_install: false,
      enterprise: null,
    };
    return this.sendPayload(payload, this.overrides(input));
  }

  private overrides(input: RequestOverrides): RequestOverrides {
    const { headers, timestamp, signature, slackWaitsMs } = input;
    return {
      ...(slackWaitsMs === undefined ? {} : { slackWaitsMs }),
      ...(headers === undefined ? {} : { headers }),
      ...(timestamp === undefined ? {} : { timestamp }),
      ...(signature === undefined ? {} : { signature }),
    };
  }

  private user(id: string, name?: string): Record<string, string> {
    const username = name ?? id.toLowerCase();
    return { id, username, name: username, team_id: this.teamId };
  }

  private viewJson(input: ViewInput): Record<string, unknown> {
    const from = input.from ?? {};
    const id = input.id ?? (typeof from.id === 'string' ? from.id : `V${randomBytes(5).toString('hex').toUpperCase()}`);
    const fromState = isObject(from.state) && isObject(from.state.values) ? (from.state.values as StateValues) : {};
    return {
      type: 'modal',
      title: { type: 'plain_text', text: 'Modal', emoji: true },
      blocks: [],
      close: null,
      submit: null,
      clear_on_close: false,
      notify_on_close: false,
      previous_view_id: null,
      external_id: '',
      ...from,
      id,
      team_id: this.teamId,
      callback_id: input.callbackId ?? from.callback_id ?? '',
      private_metadata: input.privateMetadata ?? from.private_metadata ?? '',
      hash: input.hash ?? from.hash ?? `${Math.floor(Date.now() / 1000)}.${randomBytes(6).toString('base64url')}`,
      state: { values: input.state ?? fromState },
      root_view_id: from.root_view_id ?? id,
      app_id: this.options.appId ?? FAKE_APP_ID,
      app_installed_team_id: this.teamId,
      bot_id: from.bot_id ?? FAKE_BOT_ID,
      ...(input.externalId === undefined ? {} : { external_id: input.externalId }),
      ...(input.blocks === undefined ? {} : { blocks: input.blocks }),
    };
  }
}
