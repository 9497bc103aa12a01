import type {
  AllMiddlewareArgs,
  AnyMiddlewareArgs,
  App,
  BlockAction,
  BlockButtonAction,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackOptionsMiddlewareArgs,
  SlackViewMiddlewareArgs,
} from '@slack/bolt';

type ActionArgs<A extends BlockAction> = SlackActionMiddlewareArgs<A> & AllMiddlewareArgs;
type ViewArgs = SlackViewMiddlewareArgs & AllMiddlewareArgs;
type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;
type EventArgs<E extends string> = SlackEventMiddlewareArgs<E> & AllMiddlewareArgs;
export type OptionsArgs = SlackOptionsMiddlewareArgs<'block_suggestion'> & AllMiddlewareArgs;
type Handler<T> = (args: T) => Promise<void>;
type ViewType = 'view_submission' | 'view_closed';
type Args = AnyMiddlewareArgs & AllMiddlewareArgs & { next: () => Promise<void> };

/** Where the listeners register, as on a Bolt app: a slash command, a button, a modal, an event. */
export interface Listeners {
  command(name: string, handler: Handler<CommandArgs>): void;
  action<A extends BlockAction = BlockButtonAction>(actionId: string | RegExp, handler: Handler<ActionArgs<A>>): void;
  view(callbackId: string | { callback_id: string; type: ViewType }, handler: Handler<ViewArgs>): void;
  event<E extends string>(type: E, handler: Handler<EventArgs<E>>): void;
  /** The options of an external select, as the user types (Slack's block_suggestion). */
  options(actionId: string, handler: Handler<OptionsArgs>): void;
}

/**
 * Bolt passes every request through the middleware chain of every listener to find the ones that match,
 * copying the listener arguments at each step. The app's listeners are therefore looked up here instead, by
 * command, action id, callback id or event type, from one global middleware: a request costs one lookup
 * whatever the number of listeners. A click or a modal nothing handles (a link button) is acknowledged;
 * anything else unknown goes on to Bolt, which reports it as unhandled.
 */
export class ListenerRouter implements Listeners {
  private readonly commands = new Map<string, Handler<CommandArgs>>();
  private readonly actions: { id: string | RegExp; handler: Handler<ActionArgs<BlockAction>> }[] = [];
  private readonly views = new Map<string, Handler<ViewArgs>>();
  private readonly events = new Map<string, Handler<EventArgs<string>>>();
  private readonly suggestions = new Map<string, Handler<OptionsArgs>>();

  command(name: string, handler: Handler<CommandArgs>): void {
    this.commands.set(name, handler);
  }

  action<A extends BlockAction = BlockButtonAction>(actionId: string | RegExp, handler: Handler<ActionArgs<A>>): void {
    this.actions.push({ id: actionId, handler: handler as Handler<ActionArgs<BlockAction>> });
  }

  view(callbackId: string | { callback_id: string; type: ViewType }, handler: Handler<ViewArgs>): void {
    const [id, type] =
      typeof callbackId === 'string' ? [callbackId, 'view_submission'] : [callbackId.callback_id, callbackId.type];
    this.views.set(`${type}:${id}`, handler);
  }

  event<E extends string>(type: E, handler: Handler<EventArgs<E>>): void {
    this.events.set(type, handler as unknown as Handler<EventArgs<string>>);
  }

  options(actionId: string, handler: Handler<OptionsArgs>): void {
    this.suggestions.set(actionId, handler);
  }

  install(app: App): void {
    app.use(async (args: Args) => {
      const handled = await this.dispatch(args);
      if (!handled) await args.next();
    });
  }

  private async dispatch(args: Args): Promise<boolean> {
    const body = args.body as { type?: string; command?: string; view?: { callback_id?: string }; action_id?: string };
    if (typeof body.command === 'string') {
      const handler = this.commands.get(body.command);
      if (handler) await handler(args as unknown as CommandArgs);
      return handler !== undefined;
    }
    if (body.type === 'block_actions' && 'action' in args) {
      const actionId = (args.action as BlockAction['actions'][number]).action_id;
      const route = this.actions.find(({ id }) => (typeof id === 'string' ? id === actionId : id.test(actionId)));
      if (route) await route.handler(args as unknown as ActionArgs<BlockAction>);
      else await (args as unknown as ActionArgs<BlockAction>).ack();
      return true;
    }
    if (body.type === 'view_submission' || body.type === 'view_closed') {
      const handler = this.views.get(`${body.type}:${body.view?.callback_id ?? ''}`);
      if (handler) await handler(args as unknown as ViewArgs);
      else await (args as unknown as ViewArgs).ack();
      return true;
    }
    if (body.type === 'block_suggestion') {
      const handler = this.suggestions.get(body.action_id ?? '');
      if (handler) await handler(args as unknown as OptionsArgs);
      else await (args as unknown as OptionsArgs).ack({ options: [] });
      return true;
    }
    if (body.type === 'event_callback' && 'event' in args) {
      const handler = this.events.get((args.event as { type: string }).type);
      if (handler) await handler(args as unknown as EventArgs<string>);
      return handler !== undefined;
    }
    return false;
  }
}
