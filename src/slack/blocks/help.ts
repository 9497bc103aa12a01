import type { KnownBlock } from '@slack/types';
import { USAGE } from '../../domain/command-parser.js';
import { section } from './text.js';

export function helpBlocks(lead?: string): KnownBlock[] {
  return lead ? [section(lead), section(USAGE)] : [section(USAGE)];
}
