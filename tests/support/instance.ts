// One app instance in a child process of the test (see startInstance): the real app over HTTP, with a clock the
// test sets over IPC, as the harness does in-process.
import { startApp } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { prepareDatabase } from '../../src/services/bootstrap.js';

type Command =
  | { id: number; op: 'set-clock'; at: string }
  | { id: number; op: 'due-work' }
  | { id: number; op: 'stop' };

const send = (message: unknown) => process.send?.(message);

/** The test's clock: where the test last set it. */
class SetClock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date): void {
    this.current = new Date(at);
  }
}

async function main(): Promise<void> {
  const parsed = parseConfig(process.env);
  if (!parsed.ok) throw new Error(parsed.message);
  const { config } = parsed;
  const clock = new SetClock(new Date(process.env.TEST_CLOCK ?? Date.now()));
  const { handle } = await prepareDatabase({ path: config.databasePath, url: config.databaseUrl }, clock.now());
  const running = await startApp(
    config,
    handle,
    clock,
    createLogger('warn', (line) => send({ log: line })),
    // No pace unless the test asks for one (TEST_OUTBOX_PACE_MS): most tests need not wait a second per message.
    { outboxPaceMs: Number(process.env.TEST_OUTBOX_PACE_MS ?? 0) },
  );
  process.on('message', (command: Command) => {
    void (async () => {
      try {
        if (command.op === 'set-clock') clock.set(new Date(command.at));
        else if (command.op === 'due-work') {
          const counts = await running.runDueWork();
          await running.deliver();
          send({ id: command.id, result: counts });
          return;
        } else if (command.op === 'stop') {
          await running.stop();
          await handle.close();
          send({ id: command.id, result: null });
          process.disconnect();
          return;
        }
        send({ id: command.id, result: null });
      } catch (error) {
        send({ id: command.id, error: String(error) });
      }
    })();
  });
  send({ ready: running.port });
}

main().catch((error: unknown) => {
  send({ failed: String(error) });
  process.exit(1);
});
