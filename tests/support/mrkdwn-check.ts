// Slack reads every `<…>` in mrkdwn as a control sequence (docs.slack.dev "Formatting text for app surfaces"):
// a user, channel or user-group mention, a special mention, a date, or a link. Any other `<` must be sent as
// `&lt;`, or Slack shows a broken link (`/interview status <candidate>` reads `/interview status `). The
// stand-in checks every mrkdwn text it is sent; tests/support/setup.ts fails the test that produced one.

const LABEL = '(?:\\|[^<>]*)?';
const SEQUENCES = [
  `@[UW][A-Z0-9]+${LABEL}`,
  `#[CG][A-Z0-9]+${LABEL}`,
  `!(?:here|channel|everyone)${LABEL}`,
  `!subteam\\^[A-Z0-9]+${LABEL}`,
  // <!date^1392734382^{date_short} at {time}|fallback>, optionally ^link before the fallback
  '!date\\^\\d+\\^[^<>|^]+(?:\\^[^<>|^]+)?\\|[^<>]*',
  `(?:https?://|mailto:)[^<>|\\s]+${LABEL}`,
];
const CONTROL = new RegExp(`^(?:${SEQUENCES.join('|')})$`);

/** The `<…>` (or lone `<`) in `text` that Slack would not read as a control sequence. */
export function badSequences(text: string): string[] {
  const bad: string[] = [];
  for (let at = text.indexOf('<'); at !== -1; at = text.indexOf('<', at + 1)) {
    const end = text.indexOf('>', at);
    const inner = end === -1 ? null : text.slice(at + 1, end);
    if (inner === null || inner.includes('<') || !CONTROL.test(inner)) {
      bad.push(text.slice(at, end === -1 ? at + 40 : Math.min(end + 1, at + 80)));
    }
  }
  return bad;
}

export interface MrkdwnViolation {
  /** Where it was sent: a Web API method, 'response_url' or 'ack'. */
  where: string;
  sequence: string;
  text: string;
}

const violations: MrkdwnViolation[] = [];

/** Every mrkdwn text of a message or view payload: its top-level `text` and each `{ type: 'mrkdwn', text }`. */
function mrkdwnTexts(payload: unknown, topLevel: boolean): string[] {
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) for (const child of node) walk(child);
    else if (typeof node === 'object' && node !== null) {
      const record = node as Record<string, unknown>;
      if (record.type === 'mrkdwn' && typeof record.text === 'string') texts.push(record.text);
      for (const [key, child] of Object.entries(record)) if (key !== 'text' || typeof child !== 'string') walk(child);
    }
  };
  if (typeof payload === 'object' && payload !== null) {
    const record = payload as Record<string, unknown>;
    if (topLevel && typeof record.text === 'string' && record.mrkdwn !== false) texts.push(record.text);
    walk(record.blocks);
    walk(record.attachments);
    walk(record.view);
  }
  return texts;
}

/**
 * Records the unescaped `<` of a payload sent to Slack: a message (chat.*, response_url, a slash command's or a
 * block action's ack) or a view (views.*, a view_submission's ack with response_action update or push).
 */
export function checkMrkdwn(where: string, payload: unknown, options: { topLevelText?: boolean } = {}): void {
  for (const text of mrkdwnTexts(payload, options.topLevelText ?? true)) {
    for (const sequence of badSequences(text)) violations.push({ where, sequence, text: text.slice(0, 300) });
  }
}

/** The violations recorded since the last call, and forgets them. */
export function takeMrkdwnViolations(): MrkdwnViolation[] {
  return violations.splice(0, violations.length);
}
