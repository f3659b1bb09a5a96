import countyList from '../../../resources/division-codes/county-codes-2023.json';
import { Phase, type SeedContext } from './context';
import { addYears, dayOf, dayStr, stampOn } from './days';

// The county society itself (本级) and its dated governance facts, so a seeded ledger opens like a
// configured one and the annual tables' items 1, 3, 5 and 7 have something to count. A county row
// from setup is kept; governance facts and council terms are added only where none are recorded.

export function seedCountySociety(ctx: SeedContext): void {
  const { sqlite, today, epoch, county } = ctx;
  const rng = ctx.rng(Phase.County);
  const rationalized = epoch + rng.index(365);
  const partyGroup = epoch + 200 + rng.index(500);
  const stamp = stampOn(epoch, rng);
  sqlite
    .prepare(
      `INSERT OR IGNORE INTO county_society (id, division_code, name, division_list_version, created_at, updated_at)
       VALUES (1, ?, ?, ?, ?, ?)`,
    )
    .run(county.code, `${county.name}红十字会`, (countyList as { version: string }).version, stamp, stamp);
  sqlite
    .prepare(
      `UPDATE county_society SET mgmt_rationalized = 1, mgmt_rationalized_on = ?, party_group_established = 1, party_group_established_on = ?,
         supervisory_board_established = 0, supervisory_board_established_on = NULL
       WHERE id = 1 AND mgmt_rationalized IS NULL AND party_group_established IS NULL AND supervisory_board_established IS NULL`,
    )
    .run(dayStr(rationalized), dayStr(partyGroup));

  const terms = sqlite.prepare('SELECT count(*) AS n FROM society_term').get() as { n: number };
  if (terms.n === 0) {
    // Five-year council terms; the first began before the ledger's history.
    const insert = sqlite.prepare('INSERT INTO society_term (started_on, due_on, note) VALUES (?, ?, ?)');
    for (let start = dayOf(2016, 6, 1) + rng.index(60), n = 1; start <= today; start = addYears(start, 5) + rng.index(30), n++) {
      insert.run(dayStr(start), dayStr(addYears(start, 5)), `第${n === 1 ? '一' : n === 2 ? '二' : n === 3 ? '三' : String(n)}届理事会`);
    }
  }
}
