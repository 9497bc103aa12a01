// Slack's Socket Mode side: apps.connections.open hands out a WebSocket URL, the socket says hello,
// then delivers envelopes that the app acknowledges with their envelope_id (and an optional payload).
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import type { FakeSlack } from './fake-slack.js';

export const APP_TOKEN = 'xapp-1-test-app-token';

interface Ack {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

export class FakeSocketMode {
  private socket: WebSocket | null = null;
  private readonly acks = new Map<string, (ack: Ack) => void>();
  private readonly connectedWaiters: (() => void)[] = [];

  private constructor(
    private readonly http: Server,
    private readonly wss: WebSocketServer,
  ) {
    wss.on('connection', (socket) => {
      this.socket = socket;
      socket.on('message', (data) => {
        const ack = JSON.parse(String(data)) as Ack;
        this.acks.get(ack.envelope_id)?.(ack);
      });
      socket.send(
        JSON.stringify({
          type: 'hello',
          num_connections: 1,
          debug_info: { host: 'fake' },
          connection_info: { app_id: 'A0FAKE' },
        }),
      );
      for (const resolve of this.connectedWaiters.splice(0)) resolve();
    });
  }

  static async start(slack: FakeSlack, appToken = APP_TOKEN): Promise<FakeSocketMode> {
    const http = createServer();
    const wss = new WebSocketServer({ server: http });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const { port } = http.address() as AddressInfo;
    slack.handleMethod('apps.connections.open', (_args, token) =>
      token === appToken
        ? { ok: true, url: `ws://127.0.0.1:${port}/link/?ticket=${randomUUID()}` }
        : { ok: false, error: 'invalid_auth' },
    );
    return new FakeSocketMode(http, wss);
  }

  /** Resolves once the app has opened its socket. */
  connected(): Promise<void> {
    if (this.socket) return Promise.resolve();
    return new Promise((resolve) => this.connectedWaiters.push(resolve));
  }

  /** Delivers one envelope and resolves with the app's acknowledgement. */
  deliver(type: 'slash_commands' | 'interactive' | 'events_api', payload: Record<string, unknown>): Promise<Ack> {
    const socket = this.socket;
    if (!socket) return Promise.reject(new Error('the app has not connected'));
    const envelopeId = randomUUID();
    const acked = new Promise<Ack>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ack for ${type} within 3 s`)), 3000);
      this.acks.set(envelopeId, (ack) => {
        clearTimeout(timer);
        resolve(ack);
      });
    });
    socket.send(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: true }));
    return acked;
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }
}
