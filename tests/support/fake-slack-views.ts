// Modal and App Home views for FakeSlack: views.open / push / update / publish, answering like Slack.
import { randomBytes } from 'node:crypto';
import { isObject, validateView } from './block-limits.js';
import type { Args, Reply, StoredView, WorkspaceIds } from './fake-slack-workspace.js';

export const fail = (error: string, extra: Args = {}): Reply => ({ ok: false, error, ...extra });
export const slackErrors = (errors: string[]): Args => ({
  errors,
  response_metadata: { messages: errors.map((e) => `[ERROR] ${e}`) },
});

export function str(args: Args, key: string): string | undefined {
  const value = args[key];
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

export class FakeViews {
  readonly views = new Map<string, StoredView>();
  /** user id -> id of their published App Home view */
  readonly homeViewIds = new Map<string, string>();
  private readonly usedTriggers = new Set<string>();
  private idSeq = 0;

  constructor(
    private readonly ids: WorkspaceIds,
    /** trigger_ids minted by SlackSender carry their issue time; older than this -> expired_trigger_id */
    private readonly triggerTtlMs: number,
    private readonly hasUser: (id: string) => boolean,
  ) {}

  private newHash(): string {
    return `${Math.floor(Date.now() / 1000)}.${randomBytes(6).toString('base64url')}`;
  }

  private checkView(args: Args): Reply | undefined {
    if (!isObject(args.view)) return fail('invalid_arguments', slackErrors(['missing required field: view']));
    const errors = validateView(args.view);
    return errors.length > 0 ? fail('invalid_arguments', slackErrors(errors)) : undefined;
  }

  private makeView(view: Args, previous?: StoredView): StoredView {
    const id = previous?.id ?? `V${(++this.idSeq).toString(36).toUpperCase().padStart(9, '0')}`;
    const externalId = str(view, 'external_id') ?? previous?.external_id ?? '';
    return {
      ...view,
      id,
      team_id: this.ids.teamId,
      type: String(view.type),
      blocks: view.blocks ?? [],
      private_metadata: view.private_metadata ?? '',
      callback_id: view.callback_id ?? '',
      external_id: externalId,
      state: { values: {} },
      hash: this.newHash(),
      clear_on_close: view.clear_on_close === true || view.clear_on_close === 'true',
      notify_on_close: view.notify_on_close === true || view.notify_on_close === 'true',
      root_view_id: previous?.root_view_id ?? id,
      previous_view_id: previous?.previous_view_id ?? null,
      app_id: this.ids.appId,
      app_installed_team_id: this.ids.teamId,
      bot_id: this.ids.botId,
    };
  }

  open(args: Args): Reply {
    const trigger = str(args, 'trigger_id');
    if (!trigger) return fail('invalid_trigger_id');
    if (this.usedTriggers.has(trigger)) return fail('exchanged_trigger_id');
    const issued = /^(\d{13})\./.exec(trigger)?.[1];
    if (issued && Date.now() - Number(issued) > this.triggerTtlMs) return fail('expired_trigger_id');
    const invalid = this.checkView(args);
    if (invalid) return invalid;
    const view = args.view as Args;
    if (view.type !== 'modal')
      return fail('invalid_arguments', slackErrors(['must be modal [json-pointer:/view/type]']));
    const externalId = str(view, 'external_id');
    if (externalId && [...this.views.values()].some((v) => v.external_id === externalId)) {
      return fail('duplicate_external_id');
    }
    this.usedTriggers.add(trigger);
    const stored = this.makeView(view);
    this.views.set(stored.id, stored);
    return { ok: true, view: stored };
  }

  update(args: Args): Reply {
    const viewId = str(args, 'view_id');
    const externalId = str(args, 'external_id');
    if (!viewId && !externalId) return fail('invalid_arguments', slackErrors(['view_id or external_id required']));
    const existing = viewId
      ? this.views.get(viewId)
      : [...this.views.values()].find((v) => v.external_id === externalId);
    if (!existing) return fail('not_found');
    const hash = str(args, 'hash');
    if (hash && hash !== existing.hash) return fail('hash_conflict');
    const invalid = this.checkView(args);
    if (invalid) return invalid;
    const updated = this.makeView(args.view as Args, existing);
    this.views.set(updated.id, updated);
    return { ok: true, view: updated };
  }

  publish(args: Args): Reply {
    const userId = str(args, 'user_id');
    if (!userId) return fail('invalid_arguments', slackErrors(['missing required field: user_id']));
    if (!this.hasUser(userId)) return fail('user_not_found');
    const invalid = this.checkView(args);
    if (invalid) return invalid;
    const view = args.view as Args;
    if (view.type !== 'home') return fail('invalid_arguments', slackErrors(['must be home [json-pointer:/view/type]']));
    const previousId = this.homeViewIds.get(userId);
    const previous = previousId === undefined ? undefined : this.views.get(previousId);
    const hash = str(args, 'hash');
    if (hash && previous && hash !== previous.hash) return fail('hash_conflict');
    const stored = this.makeView(view, previous);
    this.views.set(stored.id, stored);
    this.homeViewIds.set(userId, stored.id);
    return { ok: true, view: stored };
  }
}
