import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import type { DueCounts } from '../../src/jobs/due-work.js';
import { SIGNING_SECRET } from './harness.js';
import { SlackSender } from './slack-requests.js';

const TSX = import.meta.resolve('tsx');

/** An app instance running in its own process (tests/support/instance.ts). */
export interface Instance {
  sender: SlackSender;
  logs: string[];
  setClock: (at: Date) => Promise<void>;
  runDueWork: () => Promise<DueCounts>;
  stop: () => Promise<void>;
}

export async function startInstance(
  env: Record<string, string>,
  responseUrl: (id: string) => string,
): Promise<Instance> {
  const child: ChildProcess = fork(join(import.meta.dirname, 'instance.ts'), [], {
    execArgv: ['--import', TSX],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      PORT: '0',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const logs: string[] = [];
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let next = 0;
  const port = await new Promise<number>((resolve, reject) => {
    child.on('message', (message: Record<string, unknown>) => {
      if (typeof message.log === 'string') logs.push(message.log);
      if (typeof message.ready === 'number') resolve(message.ready);
      if (typeof message.failed === 'string') reject(new Error(message.failed));
      if (typeof message.id === 'number') {
        const waiter = waiting.get(message.id);
        waiting.delete(message.id);
        if (typeof message.error === 'string') waiter?.reject(new Error(message.error));
        else waiter?.resolve(message.result);
      }
    });
    child.once('exit', (code) => reject(new Error(`the instance exited (${code})`)));
  });
  const ask = <T>(command: Record<string, unknown>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ ...command, id });
    });
  return {
    sender: new SlackSender({ baseUrl: `http://127.0.0.1:${port}`, signingSecret: SIGNING_SECRET, responseUrl }),
    logs,
    setClock: (at) => ask({ op: 'set-clock', at: at.toISOString() }),
    runDueWork: () => ask<DueCounts>({ op: 'due-work' }),
    stop: async () => {
      if (!child.connected) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await ask({ op: 'stop' });
      await exited;
    },
  };
}
