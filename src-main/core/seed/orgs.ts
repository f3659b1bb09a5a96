import { type OrgTypeName, Phase, type SeedContext } from './context';
import { addYears, dayStr, stampOn } from './days';
import { personName } from './names';
import { mobilePhone } from './phones';
import {
  BUREAUS, PUBLIC_INSTITUTIONS, TRADE_ALLIANCES, collegeName, communityName, companyName, hospitalName, placeName, schoolName,
  villageName, vocationalSchoolName,
} from './places';
import { type Rng, WeightedPicker } from './random';

// The organisation tree of a county: townships (乡镇) and streets (街道) at the top, villages
// and communities under them, and schools, hospitals, enterprises, government bodies and trade
// alliances either at the top or under a township. Only leaves are ever 'preparing' or
// 'retired', so a retired organisation never has active children.

export type OrgStatus = 'preparing' | 'active' | 'retired';

export interface SeedOrg {
  id: number;
  name: string;
  /** The name without the trailing 红十字会, for team names and activity places. */
  label: string;
  type: OrgTypeName;
  parentId: number | null;
  /** The top-level ancestor (itself when top-level): volunteers find teams within it. */
  topId: number;
  founded: number | null;
  status: OrgStatus;
  retired: number | null;
}

interface Top {
  org: SeedOrg;
  /** "城关" of 城关镇, for school names like 城关中心小学. */
  stem: string;
  /** First 9 digits of the 12-digit statistical code, or null when the code is not recorded. */
  code9: string;
  nextCommunity: number;
  nextVillage: number;
  kind: '街道' | '镇' | '乡';
}

interface OrgSpec {
  type: OrgTypeName;
  parent: Top | null;
  label: string;
  name?: string;
  divisionCode?: string | null;
  redCrossNamed?: boolean;
}

const BOJIA = new WeightedPicker<string>([['none', 45], ['building', 25], ['built', 22], ['demonstration', 8]]);

/** Sizes of each kind of organisation for a target total. */
function plan(total: number) {
  const tops = Math.max(3, Math.round(total * 0.05));
  const streets = Math.max(1, Math.round(tops * 0.3));
  const xiang = Math.round((tops - streets) * 0.2);
  const counts = {
    community: Math.max(2, Math.round(total * 0.2)),
    school: Math.max(2, Math.round(total * 0.12)),
    college: Math.max(1, Math.round(total * 0.002)),
    vocational: Math.max(1, Math.round(total * 0.015)),
    hospital: Math.max(2, Math.round(total * 0.05)),
    enterprise: Math.max(2, Math.round(total * 0.07)),
    government: Math.max(1, Math.round(total * 0.015)),
    institution: Math.max(1, Math.round(total * 0.015)),
    alliance: Math.max(1, Math.round(total * 0.01)),
  };
  const others = Object.values(counts).reduce((a, b) => a + b, 0);
  return { streets, towns: tops - streets - xiang, xiang, villages: Math.max(2, total - tops - others), ...counts };
}

const pad3 = (n: number) => String(n).padStart(3, '0');

export function seedOrganizations(ctx: SeedContext): SeedOrg[] {
  const rng = ctx.rng(Phase.Organizations);
  const { today, epoch, county } = ctx;
  const sizes = plan(ctx.scale.organizations);
  const insert = ctx.sqlite.prepare(
    `INSERT INTO organization (id, name, type_id, parent_id, division_code, founded_on, status, retired_on, leader_name, leader_phone,
       term_started_on, term_ends_on, bojia_status, red_cross_named, service_site, notes, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const orgs: SeedOrg[] = [];
  const tops: Top[] = [];
  const namesByParent = new Map<number, Set<string>>();

  const uniqueLabel = (parent: Top | null, generate: () => string, suffix: string): string => {
    const key = parent ? parent.org.id : 0;
    let used = namesByParent.get(key);
    if (!used) namesByParent.set(key, (used = new Set()));
    let label = generate();
    for (let attempt = 0; used.has(label + suffix); attempt++) {
      // Word lists are large enough that this fallback is almost never reached.
      label = attempt < 60 ? generate() : `${generate()}${attempt}`;
    }
    used.add(label + suffix);
    return label;
  };

  const add = (spec: OrgSpec): SeedOrg => {
    const id = orgs.length + 1;
    const parentOrg = spec.parent?.org ?? null;
    const isTop = parentOrg === null && (spec.type === '乡镇' || spec.type === '街道');
    let founded: number | null;
    let status: OrgStatus = 'active';
    let retired: number | null = null;
    if (isTop) {
      // Township societies came first: all within the ledger's first two years.
      founded = epoch + Math.floor(Math.min(730, today - 60 - epoch) * rng.next() ** 1.5);
    } else {
      const lo = parentOrg?.founded ?? epoch;
      founded = lo + Math.floor((today - 1 - lo) * rng.next() ** 2.5);
      const roll = rng.next();
      if (roll < 0.05) {
        status = 'preparing';
        founded = null;
      } else if (roll < 0.08 && founded <= today - 400) {
        status = 'retired';
        retired = founded + 365 + Math.floor((today - 30 - founded - 365) * rng.next());
      }
    }
    const name = spec.name ?? `${spec.label}红十字会`;
    const org: SeedOrg = { id, name, label: spec.label, type: spec.type, parentId: parentOrg?.id ?? null, topId: parentOrg?.id ?? id, founded, status, retired };
    orgs.push(org);

    const hasLeader = rng.chance(0.9);
    let termStart: number | null = null;
    let termEnd: number | null = null;
    if (status === 'active' && founded !== null && rng.chance(0.85)) {
      // Terms run five years; about one in five re-elections is overdue, which the app must flag.
      termStart = founded;
      while (addYears(termStart, 5) <= today && rng.chance(0.8)) termStart = Math.min(today, addYears(termStart, 5) + rng.index(60));
      termEnd = addYears(termStart, 5) - 1;
    }
    const grassroots = spec.type === '村' || spec.type === '社区';
    const bojia = grassroots && status === 'active' ? BOJIA.pick(rng) : 'none';
    const serviceSite =
      bojia === 'built' || bojia === 'demonstration' ? `${spec.label}博爱家园服务站` : status === 'active' && rng.chance(0.2) ? `${spec.label}红十字服务站` : null;
    const notes = status === 'retired' ? (grassroots ? '因村社合并撤销' : '因单位改制撤销') : null;
    const createdDay = founded ?? today - rng.index(540);
    const stamp = stampOn(createdDay, rng);
    const updated = retired !== null ? stampOn(retired, rng) : stamp;
    insert.run(
      id, name, ctx.typeIds.get(spec.type), org.parentId, spec.divisionCode ?? null, founded === null ? null : dayStr(founded), status,
      retired === null ? null : dayStr(retired), hasLeader ? personName(rng, rng.chance(0.6)) : null, hasLeader ? mobilePhone(rng) : null,
      termStart === null ? null : dayStr(termStart), termEnd === null ? null : dayStr(termEnd), bojia, spec.redCrossNamed ? 1 : 0,
      serviceSite, notes, stamp, updated,
    );
    return org;
  };

  // Top level: streets (codes 001–), towns (镇, 101–) and rural townships (乡, 201–), as in the statistical codes.
  const usedStems = new Set<string>();
  const addTop = (kind: Top['kind'], index: number) => {
    let stem = kind === '镇' && index === 0 ? '城关' : placeName(rng, true);
    while (usedStems.has(stem)) stem = placeName(rng, false);
    usedStems.add(stem);
    const label = `${stem}${kind}`;
    const code3 = kind === '街道' ? 1 + index : kind === '镇' ? 101 + index : 201 + index;
    const code9 = `${county.code}${pad3(code3)}`;
    const org = add({ type: kind === '街道' ? '街道' : '乡镇', parent: null, label, divisionCode: `${code9}000` });
    namesByParent.set(0, (namesByParent.get(0) ?? new Set()).add(org.name));
    tops.push({ org, stem, code9, nextCommunity: 1, nextVillage: 201, kind });
  };
  for (let i = 0; i < sizes.streets; i++) addTop('街道', i);
  for (let i = 0; i < sizes.towns; i++) addTop('镇', i);
  for (let i = 0; i < sizes.xiang; i++) addTop('乡', i);

  const streets = tops.filter((t) => t.kind === '街道');
  const towns = tops.filter((t) => t.kind !== '街道');
  // The first few children go round-robin so every township gets some; the rest land at random.
  const spread = (list: Top[], i: number): Top => (i < list.length ? (list[i] as Top) : rng.pick(list));
  const withCode = (top: Top, code: number): string | null => (rng.chance(0.85) ? `${top.code9}${pad3(code)}` : null);

  for (let i = 0; i < sizes.villages; i++) {
    const top = spread(towns.length > 0 ? towns : streets, i);
    const label = uniqueLabel(top, () => villageName(rng), '红十字会');
    add({ type: '村', parent: top, label, divisionCode: withCode(top, top.nextVillage++) });
  }
  for (let i = 0; i < sizes.community; i++) {
    const top = i < streets.length || rng.chance(0.7) ? spread(streets, i) : rng.pick(towns.length > 0 ? towns : streets);
    const label = uniqueLabel(top, () => communityName(rng), '红十字会');
    add({ type: '社区', parent: top, label, divisionCode: withCode(top, top.nextCommunity++) });
  }
  for (let i = 0; i < sizes.school; i++) {
    const top = rng.chance(0.4) ? rng.pick(tops) : null;
    const label = uniqueLabel(top, () => schoolName(rng, county.short, top ? top.stem : null), '红十字会');
    add({ type: '中小学', parent: top, label });
  }
  for (let i = 0; i < sizes.college; i++) {
    add({ type: '高校', parent: null, label: uniqueLabel(null, () => collegeName(rng, county.cityShort), '红十字会') });
  }
  for (let i = 0; i < sizes.vocational; i++) {
    add({ type: '职业学校', parent: null, label: uniqueLabel(null, () => vocationalSchoolName(rng, county.short), '红十字会') });
  }
  // County hospitals are few; the rest are township health centres. Some are 冠名红十字 institutions.
  const countyHospitals = Math.min(6, Math.max(1, Math.round(sizes.hospital * 0.4)));
  for (let i = 0; i < sizes.hospital; i++) {
    const top = i < countyHospitals ? null : rng.pick(tops);
    const named = i === 0 || rng.chance(top ? 0.1 : 0.2); // at least one 冠名红十字 hospital
    const label = uniqueLabel(top, () => hospitalName(rng, county.short, top ? top.org.label : null, named), '红十字会');
    add({ type: '医疗卫生机构', parent: top, label, redCrossNamed: named });
  }
  for (let i = 0; i < sizes.enterprise; i++) {
    const top = rng.chance(0.7) ? rng.pick(towns.length > 0 ? towns : tops) : null;
    add({ type: '企业', parent: top, label: uniqueLabel(top, () => companyName(rng, top ? top.stem : county.short), '红十字会') });
  }
  const bureaus = rng.shuffle([...BUREAUS]);
  for (let i = 0; i < sizes.government; i++) {
    const bureau = bureaus[i];
    const top = bureau === undefined ? rng.pick(tops) : null;
    const label = uniqueLabel(top, () => (top ? `${top.org.label}${rng.pick(['人民政府', '派出所', '财政所', '司法所'])}` : `${county.name}${bureau}`), '红十字会');
    add({ type: '机关', parent: top, label });
  }
  const institutions = rng.shuffle([...PUBLIC_INSTITUTIONS]);
  for (let i = 0; i < sizes.institution; i++) {
    const inst = institutions[i];
    const top = inst === undefined ? rng.pick(tops) : null;
    const label = uniqueLabel(top, () => (top ? `${top.org.label}${rng.pick(['综合文化站', '农业综合服务中心', '便民服务中心', '社会事务服务中心'])}` : `${county.name}${inst}`), '红十字会');
    add({ type: '事业单位', parent: top, label });
  }
  // 农家乐 alliances are the classic case, so there is always one.
  const trades = ['农家乐', ...rng.shuffle(TRADE_ALLIANCES.filter((t) => t !== '农家乐'))];
  for (let i = 0; i < sizes.alliance; i++) {
    const trade = trades[i];
    const top = trade === undefined || i % 2 === 1 ? rng.pick(towns.length > 0 ? towns : tops) : null;
    const label = uniqueLabel(top, () => `${top ? top.stem : county.short}${trade ?? rng.pick(TRADE_ALLIANCES)}`, '联合红十字会');
    add({ type: '行业联合', parent: top, label, name: `${label}联合红十字会` });
  }
  ctx.progress('organizations', orgs.length, orgs.length);
  return orgs;
}

/** Adult member share per organisation type; youth members only go to schools. */
export const ADULT_MEMBER_WEIGHT: Readonly<Record<OrgTypeName, number>> = {
  乡镇: 0.4, 街道: 0.4, 村: 1, 社区: 1.2, 企业: 0.8, 医疗卫生机构: 0.6, 机关: 0.4, 事业单位: 0.4, 行业联合: 0.5, 高校: 3, 职业学校: 0.4, 中小学: 0.15,
};
export const YOUTH_MEMBER_WEIGHT: Readonly<Partial<Record<OrgTypeName, number>>> = { 中小学: 1, 职业学校: 1.5 };

/** A random size factor per organisation: 0 for those still being set up, small for retired ones. */
export function orgSizeFactors(orgs: readonly SeedOrg[], rng: Rng): Float64Array {
  const factors = new Float64Array(orgs.length);
  orgs.forEach((org, i) => {
    factors[i] = org.status === 'preparing' ? 0 : (0.3 + 1.4 * rng.next()) * (org.status === 'retired' ? 0.3 : 1);
  });
  return factors;
}
