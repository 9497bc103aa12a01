import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  BlockButtonAction,
  SlackActionMiddlewareArgs,
  SlackViewMiddlewareArgs,
} from '@slack/bolt';

type ActionArgs<A extends BlockAction> = SlackActionMiddlewareArgs<A> & AllMiddlewareArgs;
type ViewArgs = SlackViewMiddlewareArgs & AllMiddlewareArgs;
type Handler<T> = (args: T) => Promise<void>;
type ViewType = 'view_submission' | 'view_closed';

/** Where the button and modal listeners register: `app.action` / `app.view` with exact ids. */
export interface Listeners {
  action<A extends BlockAction = BlockButtonAction>(actionId: string | RegExp, handler: Handler<ActionArgs<A>>): void;
  view(callbackId: string | { callback_id: string; type: ViewType }, handler: Handler<ViewArgs>): void;
}

/**
 * Bolt runs every request through the middleware of every listener to find the ones that match (a chain of
 * promises per listener). The app's buttons and modals are therefore behind one Bolt listener per payload
 * type, which looks the handler up by action id or callback id. A click nothing handles (a link button) is
 * acknowledged.
 */
export class ListenerRouter implements Listeners {
  private readonly actions: { id: string | RegExp; handler: Handler<ActionArgs<BlockAction>> }[] = [];
  private readonly views = new Map<string, Handler<ViewArgs>>();

  action<A extends BlockAction = BlockButtonAction>(actionId: string | RegExp, handler: Handler<ActionArgs<A>>): void {
    this.actions.push({ id: actionId, handler: handler as Handler<ActionArgs<BlockAction>> });
  }

  view(callbackId: string | { callback_id: string; type: ViewType }, handler: Handler<ViewArgs>): void {
    const [id, type] =
      typeof callbackId === 'string' ? [callbackId, 'view_submission'] : [callbackId.callback_id, callbackId.type];
    this.views.set(`${type}:${id}`, handler);
  }

  install(app: App): void {
    app.action<BlockAction>({ type: 'block_actions' }, async (args) => {
      const actionId = args.action.action_id;
      const route = this.actions.find(({ id }) => (typeof id === 'string' ? id === actionId : id.test(actionId)));
      if (route) await route.handler(args);
      else await args.ack();
    });
    for (const type of ['view_submission', 'view_closed'] as const) {
      app.view({ type }, async (args) => {
        const handler = this.views.get(`${type}:${args.view.callback_id}`);
        if (handler) await handler(args);
        else await args.ack();
      });
    }
  }
}
