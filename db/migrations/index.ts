import type { Migration } from 'kysely';
import * as m0001 from './0001-init.js';

// A static list: migrations are known at build time, never discovered by scanning folders.
export const migrations: Record<string, Migration> = {
  '0001-init': m0001,
};
