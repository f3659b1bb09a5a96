import { Phase, type SeedContext } from './context';
import { dayOf, dayStr, stampOn } from './days';
import { personName } from './names';
import type { SeedOrg } from './orgs';
import { NO_DAY } from './people';
import { mobilePhone } from './phones';
import { BRAND_WORDS, companyName } from './places';
import type { UsccAllocator } from './uscc';

// 团体会员: companies, associations and social-service organisations that join as units,
// each with a valid and unique 统一社会信用代码 and yearly dues.

export interface GroupFacts {
  count: number;
  joined: Int32Array;
  lapsed: Int32Array;
}

const GROUP_DUES_FEN = [50_000, 100_000, 100_000, 200_000, 500_000];

export function seedGroupMembers(ctx: SeedContext, orgs: readonly SeedOrg[], uscc: UsccAllocator): GroupFacts {
  const rng = ctx.rng(Phase.GroupMembers);
  const { sqlite, today, epoch, todayYear, county } = ctx;
  const count = Math.max(3, Math.round(orgs.length * ctx.scale.groupMembersPerOrganization));
  const insertGroup = sqlite.prepare(
    `INSERT INTO group_member (id, unit_name, uscc, legacy_org_code, organization_id, contact_name, contact_phone, joined_on, status, lapsed_on,
       created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertDues = sqlite.prepare('INSERT INTO group_member_dues (group_member_id, year, status, amount_fen, paid_on) VALUES (?, ?, ?, ?, ?)');
  const hosts = orgs.filter((o) => o.status === 'active');
  const names = new Set<string>();
  const facts: GroupFacts = { count, joined: new Int32Array(count), lapsed: new Int32Array(count) };

  for (let id = 1; id <= count; id++) {
    // Mostly companies (工商, 91); some associations (51) and social-service organisations (52).
    const roll = rng.next();
    const authority = roll < 0.8 ? '91' : roll < 0.9 ? '51' : '52';
    let name = '';
    for (let attempt = 0; name === '' || names.has(name); attempt++) {
      const base =
        authority === '91' ? companyName(rng, county.short)
        : authority === '51' ? `${county.short}${rng.pick(['餐饮行业协会', '个体劳动者协会', '总商会', '慈善义工协会', '物流协会', '旅游协会', '民宿协会', '企业家协会'])}`
        : `${county.short}${rng.pick(BRAND_WORDS)}${rng.pick(['养老服务中心', '社会工作服务中心', '康复中心', '青少年服务中心'])}`;
      name = attempt < 50 ? base : `${base}（${attempt}）`;
    }
    names.add(name);
    const code = uscc.allocate(rng, authority);
    const joined = epoch + Math.floor((today - epoch + 1) * rng.next() ** 0.8);
    const lapsed = joined < today - 30 && rng.chance(0.08) ? joined + 1 + rng.index(today - joined) : NO_DAY;
    const host = hosts.length > 0 && rng.chance(0.6) ? rng.pick(hosts) : null;
    const created = stampOn(joined, rng);
    insertGroup.run(
      id, name, code.uscc, rng.chance(0.3) ? code.legacyOrgCode : null, host?.id ?? null, personName(rng, rng.chance(0.6)), mobilePhone(rng),
      dayStr(joined), lapsed === NO_DAY ? 'active' : 'lapsed', lapsed === NO_DAY ? null : dayStr(lapsed), created,
      lapsed === NO_DAY ? created : stampOn(lapsed, rng),
    );
    facts.joined[id - 1] = joined;
    facts.lapsed[id - 1] = lapsed;

    const fee = rng.pick(GROUP_DUES_FEN);
    const lastYear = Number(dayStr(lapsed === NO_DAY ? today : lapsed - 1).slice(0, 4));
    for (let year = Number(dayStr(joined).slice(0, 4)); year <= lastYear; year++) {
      const from = Math.max(joined, dayOf(year, 1, 1));
      const to = Math.min(today, lapsed - 1, dayOf(year + 1, 1, 1) - 1);
      if (to >= from && rng.chance(year === todayYear ? 0.6 : 0.88)) {
        insertDues.run(id, year, 'paid', fee, dayStr(from + rng.index(Math.min(150, to - from + 1))));
      } else if (rng.chance(0.1)) {
        insertDues.run(id, year, 'exempt', 0, null);
      } else {
        insertDues.run(id, year, 'unpaid', fee, null);
      }
    }
  }
  ctx.progress('group members', count, count);
  return facts;
}
