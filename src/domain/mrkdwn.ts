/** Escapes user-provided text for Slack mrkdwn so it cannot ping channels (`<!channel>`) or forge links. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
