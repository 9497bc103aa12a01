// A local stand-in for Slack's Web API over real HTTP (SPEC §7): records calls, checks the token, enforces the
// Block Kit limits and can answer `ratelimited` (429 + Retry-After), HTTP 500 or any Slack error on demand.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isObject, validateMessageBlocks } from './block-limits.js';
import {
  type Args,
  type EphemeralMessage,
  type FakeChannel,
  type FakeChannelInput,
  type FakeUser,
  type FakeUserInput,
  type Reply,
  SlackWorkspace,
  type StoredMessage,
  type StoredView,
  type WorkspaceIds,
} from './fake-slack-workspace.js';
import { checkMrkdwn } from './mrkdwn-check.js';
import {
  DEFAULT_BOT_TOKEN,
  FAKE_APP_ID,
  FAKE_BOT_ID,
  FAKE_BOT_USER_ID,
  FAKE_TEAM_DOMAIN,
  FAKE_TEAM_ID,
} from './slack-ids.js';

export type { EphemeralMessage, FakeChannel, FakeChannelInput, FakeUser, FakeUserInput, StoredMessage, StoredView };

export type Failure = { status: 429; retryAfter: number } | { status: 500 } | { error: string };

/** Why Slack refuses a token it once accepted (answered to every method, auth.test included). */
export type TokenRefusal = 'invalid_auth' | 'token_revoked' | 'account_inactive' | 'not_authed';

export interface RecordedCall {
  /** Web API method ('chat.postMessage', ...) or 'response_url' for posts to a responseUrl(). */
  method: string;
  /** Arguments as the app sent them, JSON fields (blocks, attachments, view, metadata) parsed; `token` removed. */
  args: Record<string, unknown>;
  /** Date.now() when the call arrived. */
  at: number;
  /** HTTP status answered. */
  status: number;
  /** True unless the call was delivered (HTTP 200 and ok: true): injected faults, auth and validation errors. */
  failed: boolean;
  error?: string;
  /** The JSON body answered (for Web API methods), e.g. to read a posted `ts` or an opened view's `id`. */
  response?: Record<string, unknown>;
  /** For method 'response_url': the id given to responseUrl(id). */
  responseUrlId?: string;
}

export interface FakeSlackOptions {
  /** Bot token the app must send (default 'xoxb-test-token'). */
  token?: string;
  teamId?: string;
  teamDomain?: string;
  botUserId?: string;
  botId?: string;
  appId?: string;
  /** trigger_ids minted by SlackSender older than this are answered 'expired_trigger_id' (default 3000 ms). */
  triggerTtlMs?: number;
}

export interface WaitOptions {
  /** Default 5000 ms. */
  timeoutMs?: number;
  /** Also count calls marked failed (default: only delivered calls). */
  includeFailed?: boolean;
}

const JSON_FIELDS = ['blocks', 'attachments', 'view', 'metadata'];

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Parses a Web API request body the way Slack does; undefined when a JSON body is not valid JSON. */
function parseArgs(contentType: string, raw: string, query: URLSearchParams): Args | undefined {
  const args: Args = Object.fromEntries(query);
  if (contentType.includes('application/json')) {
    if (raw.trim() !== '') {
      try {
        const parsed: unknown = JSON.parse(raw);
        if (!isObject(parsed)) return undefined;
        Object.assign(args, parsed);
      } catch {
        return undefined;
      }
    }
  } else {
    for (const [key, value] of new URLSearchParams(raw)) args[key] = value;
  }
  for (const key of JSON_FIELDS) {
    const value = args[key];
    if (typeof value !== 'string') continue;
    try {
      args[key] = JSON.parse(value);
    } catch {
      // left as a string: the method answers invalid_blocks_format / invalid_arguments
    }
  }
  return args;
}

export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  readonly token: string;
  readonly ids: WorkspaceIds;
  private readonly workspace: SlackWorkspace;
  private readonly faults = new Map<string, Array<{ failure: Failure; remaining: number }>>();
  private readonly waiters = new Set<() => void>();
  /** Methods answered by a test's own handler, which also checks the token (e.g. apps.connections.open with an xapp token). */
  private readonly customMethods = new Map<string, (args: Args, token: string | undefined) => Reply>();
  private readonly server: Server;
  private port = 0;
  private refusal: TokenRefusal | null = null;
  private readonly standingFaults: Array<{ method: string; failure: Failure; matches: (args: Args) => boolean }> = [];
  private readonly delays = new Map<string, Array<{ ms: number; remaining: number }>>();
  private readonly afterCalls = new Map<string, Array<(call: RecordedCall) => void>>();
  private open = 0;
  private readonly openByChannel = new Map<string, number>();
  /** The most Web API calls that were in flight at once, overall and to any one channel. */
  readonly concurrency = { max: 0, maxPerChannel: 0 };
  /** Every Web API answer takes this long (a real Slack answers in 100 to 300 ms). */
  latencyMs = 0;

  private constructor(options: FakeSlackOptions) {
    this.token = options.token ?? DEFAULT_BOT_TOKEN;
    this.ids = {
      teamId: options.teamId ?? FAKE_TEAM_ID,
      teamDomain: options.teamDomain ?? FAKE_TEAM_DOMAIN,
      botUserId: options.botUserId ?? FAKE_BOT_USER_ID,
      botId: options.botId ?? FAKE_BOT_ID,
      appId: options.appId ?? FAKE_APP_ID,
    };
    this.workspace = new SlackWorkspace(this.ids, options.triggerTtlMs ?? 3000);
    this.server = createServer((req, res) => {
      this.onRequest(req, res).catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(error));
      });
    });
  }

  static async start(options: FakeSlackOptions = {}): Promise<FakeSlack> {
    const fake = new FakeSlack(options);
    await new Promise<void>((resolve, reject) => {
      fake.server.once('error', reject);
      fake.server.listen(0, '127.0.0.1', () => resolve());
    });
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Pass as WebClient's slackApiUrl / SLACK_API_URL. */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  /** A URL on this server to use as a slash command / block action response_url. */
  responseUrl(id: string = randomBytes(6).toString('hex')): string {
    return `${this.baseUrl}/response_url/${encodeURIComponent(id)}`;
  }

  async close(): Promise<void> {
    this.waiters.clear();
    await new Promise<void>((resolve, reject) => {
      this.server.close((error) => (error ? reject(error) : resolve()));
      this.server.closeAllConnections();
    });
  }

  // ---- workspace registry and state ----

  addUser(user: FakeUserInput): FakeUser {
    return this.workspace.addUser(user);
  }

  addChannel(channel: FakeChannelInput): FakeChannel {
    return this.workspace.addChannel(channel);
  }

  user(id: string): FakeUser | undefined {
    return this.workspace.users.get(id);
  }

  channel(id: string): FakeChannel | undefined {
    return this.workspace.channels.get(id);
  }

  /** The bot's DM channel id with a user ('U123' -> 'D123'), as chat.postMessage / conversations.open answer. */
  dmChannelFor(userId: string): string {
    return this.workspace.dmChannelFor(userId);
  }

  /** Messages in a channel (a user id means the bot's DM with them), oldest first, with updates applied. */
  messagesIn(channel: string, options: { includeDeleted?: boolean } = {}): StoredMessage[] {
    const key = this.workspace.channelKey(channel);
    return this.workspace.messages.filter((m) => m.channel === key && (options.includeDeleted || !m.deleted));
  }

  /** Replies in the thread of `threadTs` (not including the parent). */
  threadReplies(channel: string, threadTs: string): StoredMessage[] {
    return this.messagesIn(channel).filter((m) => m.thread_ts === threadTs && m.ts !== threadTs);
  }

  message(channel: string, ts: string): StoredMessage | undefined {
    return this.workspace.findMessage(this.workspace.channelKey(channel), ts);
  }

  ephemeralsIn(channel?: string, user?: string): EphemeralMessage[] {
    const key = channel === undefined ? undefined : this.workspace.channelKey(channel);
    return this.workspace.ephemerals.filter(
      (m) => (key === undefined || m.channel === key) && (user === undefined || m.user === user),
    );
  }

  view(id: string): StoredView | undefined {
    return this.workspace.views.views.get(id);
  }

  allViews(): StoredView[] {
    return [...this.workspace.views.views.values()];
  }

  /** The App Home view last published for a user. */
  homeView(userId: string): StoredView | undefined {
    const id = this.workspace.views.homeViewIds.get(userId);
    return id === undefined ? undefined : this.view(id);
  }

  // ---- recorded calls ----

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Calls to `method` that were delivered (not failed). */
  deliveredTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method && !c.failed);
  }

  lastCall(method: string): RecordedCall | undefined {
    return this.callsTo(method).at(-1);
  }

  /** Clears recorded calls and pending faults; users, channels, messages and views stay. */
  reset(): void {
    this.calls.length = 0;
    this.faults.clear();
    this.standingFaults.length = 0;
  }

  /** From now on every call is refused as Slack refuses a revoked or invalid token, until acceptToken(). */
  refuseToken(error: TokenRefusal = 'token_revoked'): void {
    this.refusal = error;
  }

  acceptToken(): void {
    this.refusal = null;
  }

  /** Runs `change` once, right after the next call to `method` is answered (e.g. the app is removed from a channel). */
  afterNext(method: string, change: (call: RecordedCall) => void): void {
    this.afterCalls.set(method, [...(this.afterCalls.get(method) ?? []), change]);
  }

  /** The next `times` calls of `method` are answered after `ms` (slow Slack), with their real answer. */
  delayNext(method: string, ms: number, times = 1): void {
    const queue = this.delays.get(method) ?? [];
    queue.push({ ms, remaining: times });
    this.delays.set(method, queue);
  }

  /** Every call of `method` whose arguments match fails as described, until reset(). */
  failWhen(method: string, failure: Failure, matches: (args: Args) => boolean): void {
    this.standingFaults.push({ method, failure, matches });
  }

  /** The next `times` calls of `method` (or 'response_url') fail as described. */
  failNext(method: string, failure: Failure, times = 1): void {
    const queue = this.faults.get(method) ?? [];
    queue.push({ failure, remaining: times });
    this.faults.set(method, queue);
  }

  /** Resolves with the first call to `method` matching `predicate` (already made or still to come). */
  async waitForCall(
    method: string,
    predicate: (call: RecordedCall) => boolean = () => true,
    options: WaitOptions = {},
  ): Promise<RecordedCall> {
    const [first] = await this.waitForCalls(method, 1, predicate, options);
    if (!first) throw new Error(`no call to ${method}`);
    return first;
  }

  /** Resolves with all matching calls to `method` once there are at least `count`; rejects after the timeout. */
  waitForCalls(
    method: string,
    count: number,
    predicate: (call: RecordedCall) => boolean = () => true,
    { timeoutMs = 5000, includeFailed = false }: WaitOptions = {},
  ): Promise<RecordedCall[]> {
    const matching = () =>
      this.calls.filter((c) => c.method === method && (includeFailed || !c.failed) && predicate(c));
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = matching();
        if (found.length < count) return;
        cleanup();
        resolve(found);
      };
      const timer = setTimeout(() => {
        cleanup();
        const seen = this.calls.map((c) => (c.failed ? `${c.method}(${c.error ?? c.status})` : c.method)).join(', ');
        const got = matching().length;
        reject(
          new Error(
            `timed out after ${timeoutMs} ms waiting for ${count} call(s) to ${method} (matched ${got}); calls: ${seen || 'none'}`,
          ),
        );
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  // ---- HTTP ----

  private record(call: Omit<RecordedCall, 'at'>): void {
    const recorded = { ...call, at: Date.now() };
    this.calls.push(recorded);
    const change = this.afterCalls.get(call.method)?.shift();
    if (change) change(recorded);
    for (const waiter of [...this.waiters]) waiter();
  }

  private takeFault(method: string): Failure | undefined {
    const queue = this.faults.get(method);
    const head = queue?.[0];
    if (!queue || !head) return undefined;
    head.remaining -= 1;
    if (head.remaining <= 0) queue.shift();
    return head.failure;
  }

  private takeDelay(method: string): number {
    const queue = this.delays.get(method);
    const head = queue?.[0];
    if (!queue || !head) return this.latencyMs;
    head.remaining -= 1;
    if (head.remaining <= 0) queue.shift();
    return head.ms;
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const raw = await readBody(req);
    const contentType = req.headers['content-type'] ?? '';
    if (url.pathname.startsWith('/api/')) {
      const method = decodeURIComponent(url.pathname.slice('/api/'.length));
      const channel = parseArgs(contentType, raw, url.searchParams)?.channel;
      const key = typeof channel === 'string' ? channel : '';
      this.open += 1;
      this.openByChannel.set(key, (this.openByChannel.get(key) ?? 0) + 1);
      this.concurrency.max = Math.max(this.concurrency.max, this.open);
      if (key)
        this.concurrency.maxPerChannel = Math.max(this.concurrency.maxPerChannel, this.openByChannel.get(key) ?? 0);
      res.once('close', () => {
        this.open -= 1;
        this.openByChannel.set(key, (this.openByChannel.get(key) ?? 1) - 1);
      });
      // Slack does the work, then answers late: what a client that gave up never hears has still happened.
      const delay = this.takeDelay(method);
      if (delay > 0) {
        const answer = new Promise<void>((resolve) => {
          const original = res.end.bind(res);
          res.end = ((...args: Parameters<typeof res.end>) => {
            setTimeout(() => {
              if (!res.destroyed) original(...args);
              resolve();
            }, delay);
            return res;
          }) as typeof res.end;
        });
        this.handleApi(method, req, parseArgs(contentType, raw, url.searchParams), res);
        await answer;
        return;
      }
      this.handleApi(method, req, parseArgs(contentType, raw, url.searchParams), res);
    } else if (url.pathname.startsWith('/response_url/')) {
      const id = decodeURIComponent(url.pathname.slice('/response_url/'.length));
      this.handleResponseUrl(id, parseArgs('application/json', raw, new URLSearchParams()), res);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  }

  /** Answers `method` with `handler` instead of the workspace; the handler sees the bearer token. */
  handleMethod(method: string, handler: (args: Args, token: string | undefined) => Reply): void {
    this.customMethods.set(method, handler);
  }

  private handleApi(method: string, req: IncomingMessage, parsed: Args | undefined, res: ServerResponse): void {
    const args = parsed ?? {};
    const bodyToken = typeof args.token === 'string' ? args.token : undefined;
    delete args.token;
    const fault =
      this.takeFault(method) ?? this.standingFaults.find((f) => f.method === method && f.matches(args))?.failure;
    if (fault) {
      this.answerFault(method, args, fault, res);
      return;
    }
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const token = bearer ?? bodyToken;
    let reply: Reply;
    const custom = this.customMethods.get(method);
    if (custom && parsed !== undefined) reply = custom(args, token);
    else if (parsed === undefined) reply = { ok: false, error: 'invalid_json' };
    else if (!token) reply = { ok: false, error: 'not_authed' };
    else if (token !== this.token) reply = { ok: false, error: 'invalid_auth' };
    else if (this.refusal) reply = { ok: false, error: this.refusal };
    else reply = this.workspace.handle(method, args);
    if (method.startsWith('chat.') || method.startsWith('views.')) checkMrkdwn(method, args);
    const response = structuredClone(reply);
    this.record({
      method,
      args,
      status: 200,
      failed: !reply.ok,
      response,
      ...(reply.error === undefined ? {} : { error: reply.error }),
    });
    this.send(res, 200, reply);
  }

  private handleResponseUrl(id: string, body: Args | undefined, res: ServerResponse): void {
    const args = body ?? {};
    const fault = this.takeFault('response_url');
    if (fault) {
      this.answerFault('response_url', args, fault, res, id);
      return;
    }
    let error: string | undefined;
    if (body === undefined) error = 'invalid_payload';
    else if (typeof args.blocks === 'string') error = 'invalid_blocks_format';
    else if (args.blocks !== undefined && validateMessageBlocks(args.blocks).length > 0) error = 'invalid_blocks';
    else if (!args.text && !args.blocks && !args.attachments && args.delete_original !== true) error = 'no_text';
    if (!error) checkMrkdwn('response_url', args);
    const status = error ? 400 : 200;
    this.record({
      method: 'response_url',
      args,
      status,
      failed: error !== undefined,
      responseUrlId: id,
      ...(error === undefined ? {} : { error }),
    });
    if (error) {
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(error);
    } else this.send(res, 200, { ok: true });
  }

  private answerFault(method: string, args: Args, failure: Failure, res: ServerResponse, responseUrlId?: string): void {
    const idField = responseUrlId === undefined ? {} : { responseUrlId };
    if ('error' in failure) {
      const reply = { ok: false, error: failure.error };
      this.record({ method, args, status: 200, failed: true, error: failure.error, response: reply, ...idField });
      this.send(res, 200, reply);
    } else if (failure.status === 429) {
      const reply = { ok: false, error: 'ratelimited' };
      this.record({ method, args, status: 429, failed: true, error: 'ratelimited', response: reply, ...idField });
      this.send(res, 429, reply, { 'retry-after': String(failure.retryAfter) });
    } else {
      const reply = { ok: false, error: 'internal_error' };
      this.record({ method, args, status: 500, failed: true, error: 'internal_error', response: reply, ...idField });
      this.send(res, 500, reply);
    }
  }

  private send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  }
}
