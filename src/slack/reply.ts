import type { KnownBlock } from '@slack/types';

export const APOLOGY =
  'Sorry, something went wrong on our side and nothing was changed. Please try again in a moment; if it keeps happening, ask your Slack admin to check the app logs.';

export interface EphemeralMessage {
  response_type: 'ephemeral';
  text: string;
  blocks?: KnownBlock[];
}

export function ephemeral(text: string, blocks?: KnownBlock[]): EphemeralMessage {
  return blocks ? { response_type: 'ephemeral', text, blocks } : { response_type: 'ephemeral', text };
}
