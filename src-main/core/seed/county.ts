import countyList from '../../../resources/division-codes/county-codes-2023.json';
import { Phase, type SeedContext } from './context';
import { addYears, dayOf, dayStr, stampOn } from './days';

// The county society itself (本级), so a seeded ledger opens like a configured one. Written only
// when the ledger has none yet: a county that already went through setup keeps its own row.

export function seedCountySociety(ctx: SeedContext): boolean {
  const { sqlite, today, epoch, county } = ctx;
  const existing = sqlite.prepare('SELECT count(*) AS n FROM county_society').get() as { n: number };
  if (existing.n > 0) return false;
  const rng = ctx.rng(Phase.County);
  const rationalized = epoch + rng.index(365);
  const partyGroup = epoch + 200 + rng.index(500);
  const stamp = stampOn(epoch, rng);
  sqlite
    .prepare(
      `INSERT INTO county_society (id, division_code, name, division_list_version, mgmt_rationalized, mgmt_rationalized_on,
         party_group_established, party_group_established_on, supervisory_board_established, supervisory_board_established_on, created_at, updated_at)
       VALUES (1, ?, ?, ?, 1, ?, 1, ?, 0, NULL, ?, ?)`,
    )
    .run(county.code, `${county.name}红十字会`, (countyList as { version: string }).version, dayStr(rationalized), dayStr(partyGroup), stamp, stamp);

  const terms = sqlite.prepare('SELECT count(*) AS n FROM society_term').get() as { n: number };
  if (terms.n === 0) {
    // Five-year council terms; the first began before the ledger's history.
    const insert = sqlite.prepare('INSERT INTO society_term (started_on, due_on, note) VALUES (?, ?, ?)');
    for (let start = dayOf(2016, 6, 1) + rng.index(60), n = 1; start <= today; start = addYears(start, 5) + rng.index(30), n++) {
      insert.run(dayStr(start), dayStr(addYears(start, 5)), `第${n === 1 ? '一' : n === 2 ? '二' : n === 3 ? '三' : String(n)}届理事会`);
    }
  }
  return true;
}
