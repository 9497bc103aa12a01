// The state and method semantics behind FakeSlack: users, channels, messages and views, answering like Slack.
import { validateMessageBlocks } from './block-limits.js';
import { FakeViews, fail, slackErrors, str } from './fake-slack-views.js';

export type Args = Record<string, unknown>;
export type Reply = Record<string, unknown> & { ok: boolean; error?: string };

export interface FakeUserInput {
  id: string;
  name?: string;
  realName?: string;
  /** IANA zone, default 'Europe/London'. */
  tz?: string;
  isBot?: boolean;
  deleted?: boolean;
  email?: string;
}
export type FakeUser = Required<Omit<FakeUserInput, 'email'>> & { email?: string };

export interface FakeChannelInput {
  id: string;
  name: string;
  /** Whether the bot is in the channel (default true). */
  isMember?: boolean;
  isPrivate?: boolean;
  isArchived?: boolean;
}
export type FakeChannel = Required<FakeChannelInput> & { isMpim: boolean };

export interface StoredMessage {
  channel: string;
  ts: string;
  text?: string;
  blocks?: unknown[];
  attachments?: unknown[];
  thread_ts?: string;
  metadata?: unknown;
  user: string;
  bot_id: string;
  edited: boolean;
  deleted: boolean;
}

export interface EphemeralMessage {
  channel: string;
  user: string;
  message_ts: string;
  text?: string;
  blocks?: unknown[];
  thread_ts?: string;
}

export type StoredView = Record<string, unknown> & { id: string; hash: string; type: string; external_id: string };

export interface WorkspaceIds {
  teamId: string;
  teamDomain: string;
  botUserId: string;
  botId: string;
  appId: string;
}

const isReply = (value: object): value is Reply => 'ok' in value;
const nonEmpty = (value: unknown): boolean => Array.isArray(value) && value.length > 0;

/** Offset of `tz` from UTC in seconds at `at` (Slack's users.info tz_offset). */
export function tzOffsetSeconds(tz: string, at = new Date()): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' }).formatToParts(at);
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(parts.find((p) => p.type === 'timeZoneName')?.value ?? '');
  if (!m) return 0;
  const seconds = Number(m[2]) * 3600 + Number(m[3]) * 60;
  return m[1] === '-' ? -seconds : seconds;
}

function tzLabel(tz: string, at = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'long' }).formatToParts(at);
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? tz;
}

export class SlackWorkspace {
  readonly users = new Map<string, FakeUser>();
  readonly channels = new Map<string, FakeChannel>();
  readonly messages: StoredMessage[] = [];
  readonly ephemerals: EphemeralMessage[] = [];
  readonly views: FakeViews;
  private readonly dmUsers = new Map<string, string>();
  private readonly mpims = new Map<string, string>();
  private tsSeq = 0;
  private idSeq = 0;

  constructor(
    readonly ids: WorkspaceIds,
    triggerTtlMs: number,
  ) {
    this.views = new FakeViews(ids, triggerTtlMs, (id) => this.users.has(id));
  }

  addUser(input: FakeUserInput): FakeUser {
    const user: FakeUser = {
      id: input.id,
      name: input.name ?? input.id.toLowerCase(),
      realName: input.realName ?? input.name ?? input.id,
      tz: input.tz ?? 'Europe/London',
      isBot: input.isBot ?? false,
      deleted: input.deleted ?? false,
      ...(input.email === undefined ? {} : { email: input.email }),
    };
    this.users.set(user.id, user);
    return user;
  }

  addChannel(input: FakeChannelInput): FakeChannel {
    const channel: FakeChannel = {
      id: input.id,
      name: input.name.replace(/^#/, ''),
      isMember: input.isMember ?? true,
      isPrivate: input.isPrivate ?? false,
      isArchived: input.isArchived ?? false,
      isMpim: false,
    };
    this.channels.set(channel.id, channel);
    return channel;
  }

  /** The bot's DM channel with a user, stable per user ('U123' -> 'D123'). */
  dmChannelFor(userId: string): string {
    const id = `D${userId.slice(1)}`;
    this.dmUsers.set(id, userId);
    return id;
  }

  /** Channel id as stored for `channel`: a user id maps to the bot's DM with them. */
  channelKey(channel: string): string {
    return /^[UW]/.test(channel) ? this.dmChannelFor(channel) : channel;
  }

  /** A D channel is known once opened, or when it is the DM of a registered user (as slash commands report it). */
  knownDm(channel: string): boolean {
    if (this.dmUsers.has(channel)) return true;
    const userId = [`U${channel.slice(1)}`, `W${channel.slice(1)}`].find((id) => this.users.has(id));
    if (userId !== undefined) this.dmChannelFor(userId);
    return userId !== undefined;
  }

  findMessage(channel: string, ts: string): StoredMessage | undefined {
    return this.messages.find((m) => m.channel === channel && m.ts === ts && !m.deleted);
  }

  handle(method: string, args: Args): Reply {
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: `https://${this.ids.teamDomain}.slack.com/`,
          team: 'Interview Test',
          user: 'interview-assistant',
          team_id: this.ids.teamId,
          user_id: this.ids.botUserId,
          bot_id: this.ids.botId,
          app_id: this.ids.appId,
          is_enterprise_install: false,
        };
      case 'chat.postMessage':
        return this.postMessage(args);
      case 'chat.postEphemeral':
        return this.postEphemeral(args);
      case 'chat.update':
        return this.updateMessage(args);
      case 'chat.delete': {
        const found = this.existingMessage(args, 'ts');
        if (isReply(found)) return found;
        found.deleted = true;
        return { ok: true, channel: found.channel, ts: found.ts };
      }
      case 'chat.getPermalink': {
        const found = this.existingMessage(args, 'message_ts');
        if (isReply(found)) return found;
        const permalink = `https://${this.ids.teamDomain}.slack.com/archives/${found.channel}/p${found.ts.replace('.', '')}`;
        return { ok: true, channel: found.channel, permalink };
      }
      case 'views.open':
      case 'views.push':
        return this.views.open(args);
      case 'views.update':
        return this.views.update(args);
      case 'views.publish':
        return this.views.publish(args);
      case 'users.info': {
        const user = this.users.get(str(args, 'user') ?? '');
        return user ? { ok: true, user: this.userJson(user) } : fail('user_not_found');
      }
      case 'conversations.open':
        return this.openConversation(args);
      case 'conversations.info':
        return this.conversationInfo(str(args, 'channel') ?? '');
      case 'conversations.join': {
        const channel = this.channels.get(str(args, 'channel') ?? '');
        if (!channel) return fail('channel_not_found');
        if (channel.isArchived) return fail('is_archived');
        if (channel.isPrivate) return fail('method_not_supported_for_channel_type');
        const warning = channel.isMember ? { warning: 'already_in_channel' } : {};
        channel.isMember = true;
        return { ok: true, channel: this.channelJson(channel), ...warning };
      }
      default:
        return fail('unknown_method');
    }
  }

  private nextTs(): string {
    const n = ++this.tsSeq;
    return `${1_700_000_000 + Math.floor(n / 10_000)}.${String((n % 10_000) * 100).padStart(6, '0')}`;
  }

  private newId(prefix: string): string {
    return `${prefix}${(++this.idSeq).toString(36).toUpperCase().padStart(9, '0')}`;
  }

  /** Where a post to `channel` lands, or Slack's error. */
  private resolveTarget(channel: string | undefined): { id: string } | Reply {
    if (!channel) return fail('channel_not_found');
    if (/^[UW]/.test(channel)) {
      const user = this.users.get(channel);
      if (!user) return fail('channel_not_found');
      if (user.deleted) return fail('user_disabled');
      if (user.isBot) return fail('cannot_dm_bot');
      return { id: this.dmChannelFor(channel) };
    }
    if (channel.startsWith('D')) return this.knownDm(channel) ? { id: channel } : fail('channel_not_found');
    const name = channel.replace(/^#/, '');
    const found = this.channels.get(channel) ?? [...this.channels.values()].find((c) => c.name === name);
    if (!found) return fail('channel_not_found');
    if (found.isArchived) return fail('is_archived');
    if (!found.isMember) return fail('not_in_channel');
    return { id: found.id };
  }

  private checkContent(args: Args, requireText: boolean): Reply | undefined {
    if (typeof args.blocks === 'string') return fail('invalid_blocks_format');
    const text = str(args, 'text');
    if (requireText && !text && !nonEmpty(args.blocks) && !nonEmpty(args.attachments)) return fail('no_text');
    if (text && text.length > 40_000) return fail('msg_too_long');
    if (args.blocks !== undefined) {
      const errors = validateMessageBlocks(args.blocks);
      if (errors.length > 0) return fail('invalid_blocks', slackErrors(errors));
    }
    return undefined;
  }

  private content(args: Args): Partial<StoredMessage> {
    const out: Partial<StoredMessage> = {};
    const text = str(args, 'text');
    if (text !== undefined) out.text = text;
    if (Array.isArray(args.blocks)) out.blocks = args.blocks;
    if (Array.isArray(args.attachments)) out.attachments = args.attachments;
    const threadTs = str(args, 'thread_ts');
    if (threadTs) out.thread_ts = threadTs;
    if (args.metadata !== undefined) out.metadata = args.metadata;
    return out;
  }

  messageJson(m: StoredMessage): Args {
    return {
      type: 'message',
      user: m.user,
      bot_id: m.bot_id,
      app_id: this.ids.appId,
      team: this.ids.teamId,
      text: m.text ?? '',
      ts: m.ts,
      ...(m.blocks ? { blocks: m.blocks } : {}),
      ...(m.attachments ? { attachments: m.attachments } : {}),
      ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}),
      ...(m.edited ? { edited: { user: m.user, ts: `${Math.floor(Date.now() / 1000)}.000000` } } : {}),
    };
  }

  private postMessage(args: Args): Reply {
    const target = this.resolveTarget(str(args, 'channel'));
    if (isReply(target)) return target;
    const invalid = this.checkContent(args, true);
    if (invalid) return invalid;
    const message: StoredMessage = {
      channel: target.id,
      ts: this.nextTs(),
      user: this.ids.botUserId,
      bot_id: this.ids.botId,
      edited: false,
      deleted: false,
      ...this.content(args),
    };
    this.messages.push(message);
    return { ok: true, channel: target.id, ts: message.ts, message: this.messageJson(message) };
  }

  private postEphemeral(args: Args): Reply {
    const target = this.resolveTarget(str(args, 'channel'));
    if (isReply(target)) return target;
    const user = this.users.get(str(args, 'user') ?? '');
    if (!user || user.deleted) return fail('user_not_in_channel');
    const invalid = this.checkContent(args, true);
    if (invalid) return invalid;
    const content = this.content(args);
    const message_ts = this.nextTs();
    this.ephemerals.push({
      channel: target.id,
      user: user.id,
      message_ts,
      ...(content.text === undefined ? {} : { text: content.text }),
      ...(content.blocks === undefined ? {} : { blocks: content.blocks }),
      ...(content.thread_ts === undefined ? {} : { thread_ts: content.thread_ts }),
    });
    return { ok: true, message_ts };
  }

  private existingMessage(args: Args, tsKey: string): StoredMessage | Reply {
    const channel = str(args, 'channel') ?? '';
    const found = this.findMessage(channel, str(args, tsKey) ?? '');
    if (found) return found;
    const known = this.channels.has(channel) || this.knownDm(channel);
    return fail(known ? 'message_not_found' : 'channel_not_found');
  }

  private updateMessage(args: Args): Reply {
    const found = this.existingMessage(args, 'ts');
    if (isReply(found)) return found;
    if (args.text === undefined && args.blocks === undefined && args.attachments === undefined) return fail('no_text');
    const invalid = this.checkContent(args, false);
    if (invalid) return invalid;
    const content = this.content(args);
    if (content.text !== undefined) found.text = content.text;
    if (content.blocks !== undefined) found.blocks = content.blocks;
    if (content.attachments !== undefined) found.attachments = content.attachments;
    if (content.metadata !== undefined) found.metadata = content.metadata;
    found.edited = true;
    const message = this.messageJson(found);
    return { ok: true, channel: found.channel, ts: found.ts, text: found.text ?? '', message };
  }

  private userJson(u: FakeUser): Args {
    return {
      id: u.id,
      team_id: this.ids.teamId,
      name: u.name,
      deleted: u.deleted,
      real_name: u.realName,
      tz: u.tz,
      tz_label: tzLabel(u.tz),
      tz_offset: tzOffsetSeconds(u.tz),
      is_bot: u.isBot,
      is_admin: false,
      is_app_user: false,
      profile: {
        real_name: u.realName,
        display_name: u.name,
        team: this.ids.teamId,
        ...(u.email === undefined ? {} : { email: u.email }),
      },
    };
  }

  private openConversation(args: Args): Reply {
    const channel = str(args, 'channel');
    if (channel) return this.knownDm(channel) ? { ok: true, channel: { id: channel } } : fail('channel_not_found');
    const ids = (str(args, 'users') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (ids.length === 0) return fail('users_list_not_supplied');
    if (ids.length > 8) return fail('too_many_users');
    for (const id of ids) {
      const user = this.users.get(id);
      if (!user) return fail('user_not_found');
      if (user.deleted) return fail('user_disabled');
    }
    const [only] = ids;
    if (ids.length === 1 && only !== undefined) return { ok: true, channel: { id: this.dmChannelFor(only) } };
    const key = [...ids].sort().join(',');
    let id = this.mpims.get(key);
    if (id === undefined) {
      id = this.newId('G');
      this.mpims.set(key, id);
      const name = `mpdm-${ids.map((u) => this.users.get(u)?.name ?? u).join('--')}-1`;
      this.channels.set(id, { ...this.addChannel({ id, name, isPrivate: true }), isMpim: true });
    }
    return { ok: true, channel: { id } };
  }

  private conversationInfo(channel: string): Reply {
    const dmUser = this.knownDm(channel) ? this.dmUsers.get(channel) : undefined;
    if (dmUser !== undefined) {
      return { ok: true, channel: { id: channel, is_im: true, user: dmUser, is_open: true, created: 1_700_000_000 } };
    }
    const found = this.channels.get(channel);
    return found ? { ok: true, channel: this.channelJson(found) } : fail('channel_not_found');
  }

  private channelJson(c: FakeChannel): Args {
    return {
      id: c.id,
      name: c.name,
      name_normalized: c.name,
      is_channel: !c.isPrivate,
      is_group: c.isPrivate && !c.isMpim,
      is_im: false,
      is_mpim: c.isMpim,
      is_private: c.isPrivate,
      is_archived: c.isArchived,
      is_member: c.isMember,
      created: 1_700_000_000,
    };
  }
}
