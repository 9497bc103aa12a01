import type { Migration } from 'kysely';
import * as m0001 from './0001-init.js';
import * as m0002 from './0002-bank-versions.js';
import * as m0003 from './0003-outbox-indexes.js';
import * as m0013 from './0013-every-rater.js';
import * as m0013b from './0013-user-names.js';
import * as m0014 from './0014-kit-reminder.js';
import * as m0015 from './0015-bank-roles-styles-tips.js';
import * as m0017 from './0017-insight-ledger.js';
import * as m0018 from './0018-outbox-channels.js';
import * as m0019 from './0019-insight-ledger-version.js';
import * as m0020 from './0020-bank-files-loaded.js';

// A static list: migrations are known at build time, never discovered by scanning folders.
export const migrations: Record<string, Migration> = {
  '0001-init': m0001,
  '0002-bank-versions': m0002,
  '0003-outbox-indexes': m0003,
  '0013-every-rater': m0013,
  '0013-user-names': m0013b,
  '0014-kit-reminder': m0014,
  '0015-bank-roles-styles-tips': m0015,
  '0017-insight-ledger': m0017,
  '0018-outbox-channels': m0018,
  '0019-insight-ledger-version': m0019,
  '0020-bank-files-loaded': m0020,
};
