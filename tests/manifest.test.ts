import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { OUTBOX_METHODS } from '../src/db/repositories/outbox.js';

const ROOT = join(import.meta.dirname, '..');

interface Manifest {
  features: {
    app_home: { home_tab_enabled: boolean };
    slash_commands: { command: string; should_escape: boolean }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    socket_mode_enabled: boolean;
    interactivity: { is_enabled: boolean };
    event_subscriptions: { bot_events: string[] };
  };
}

/** The bot scope each Web API method we call needs (Slack's method pages). */
const METHOD_SCOPES: Record<string, string[]> = {
  'chat.postMessage': ['chat:write'],
  'chat.update': ['chat:write'],
  'chat.delete': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'chat.getPermalink': [],
  'conversations.open': ['im:write'],
  'conversations.info': ['channels:read', 'groups:read'],
  'users.info': ['users:read'],
  'views.open': [],
  'views.update': [],
  'views.push': [],
  'views.publish': [],
  'auth.test': [],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('manifest.yml', () => {
  const manifest = parse(readFileSync(join(ROOT, 'manifest.yml'), 'utf8')) as Manifest;

  it('creates /interview with escaped mentions, interactivity, App Home and Socket Mode', () => {
    const command = manifest.features.slash_commands.find((c) => c.command === '/interview');
    expect(command?.should_escape).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_home_opened']);
  });

  it('asks for exactly the bot scopes the code uses', () => {
    const used = new Set<string>(['commands']);
    for (const method of OUTBOX_METHODS) for (const scope of METHOD_SCOPES[method] ?? ['unknown']) used.add(scope);
    for (const file of sourceFiles(join(ROOT, 'src'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/client\.(\w+)\.(\w+)\(/g)) {
        const method = `${match[1]}.${match[2]}`;
        expect(Object.keys(METHOD_SCOPES), `${file} calls ${method}: add its scope here`).toContain(method);
        for (const scope of METHOD_SCOPES[method] ?? []) used.add(scope);
      }
    }
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...used].sort());
  });

  it('says, for HTTP mode, every URL to set: command, interactivity, select options and event subscriptions', () => {
    const comments = readFileSync(join(ROOT, 'manifest.yml'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('#'))
      .join('\n');
    for (const url of [
      'slash_commands[0].url',
      'interactivity.request_url',
      'interactivity.message_menu_options_url',
      'event_subscriptions.request_url',
    ]) {
      expect(comments).toContain(url);
    }
    expect(comments).toContain('/slack/events');
  });
});
