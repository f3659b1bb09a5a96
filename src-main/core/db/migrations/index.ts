import type { Kysely } from 'kysely';
import * as m0010 from './0010-initial';
import * as m0020 from './0020-reference-data';
import * as m0030 from './0030-roster-indexes';
import * as m0040 from './0040-imports';
import * as m0050 from './0050-stats';
import * as m0060 from './0060-checklist';
import * as m0070 from './0070-import-ranges';

export interface Migration {
  version: number;
  name: string;
  up(db: Kysely<any>): Promise<void>;
}

// Static list: bundlers see every migration, and the order is the list's, never a directory scan.
export const migrations: readonly Migration[] = [
  { version: 10, name: 'initial', up: m0010.up },
  { version: 20, name: 'reference-data', up: m0020.up },
  { version: 30, name: 'roster-indexes', up: m0030.up },
  { version: 40, name: 'imports', up: m0040.up },
  { version: 50, name: 'stats', up: m0050.up },
  { version: 60, name: 'checklist', up: m0060.up },
  { version: 70, name: 'import-ranges', up: m0070.up },
];
