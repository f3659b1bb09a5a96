import type BetterSqlite3 from 'better-sqlite3';
import countyList from '../../../resources/division-codes/county-codes-2023.json';
import { dayOf, toDay, yearOf } from './days';
import { shortCountyName } from './places';
import { Rng } from './random';
import type { ScaleConfig, SeedScale } from './scales';

// What every generator phase needs: options, reference-data ids, the county's names, and
// a fresh random stream per phase.

export type OrgTypeName = '乡镇' | '街道' | '社区' | '村' | '中小学' | '高校' | '职业学校' | '医疗卫生机构' | '企业' | '事业单位' | '机关' | '行业联合';
const ORG_TYPE_NAMES: readonly OrgTypeName[] = ['乡镇', '街道', '社区', '村', '中小学', '高校', '职业学校', '医疗卫生机构', '企业', '事业单位', '机关', '行业联合'];

export interface SeedOptions {
  scale: SeedScale;
  seed: number;
  /** The generator's "now" (YYYY-MM-DD); nothing is dated after it. */
  today: string;
  /** GB/T 2260 county code, 6 digits. */
  countyCode: string;
  onProgress?: (phase: string, done: number, total: number) => void;
}

export interface CountyNames {
  code: string;
  name: string;
  short: string;
  cityShort: string;
  provinceShort: string;
  /** Other county codes of the same province, for people born elsewhere. */
  neighbourCodes: string[];
}

export interface SeedContext {
  sqlite: BetterSqlite3.Database;
  options: SeedOptions;
  scale: ScaleConfig;
  today: number;
  todayYear: number;
  /** 2018-01-01: the ledger's history starts here. */
  epoch: number;
  county: CountyNames;
  typeIds: ReadonlyMap<OrgTypeName, number>;
  fields: ReadonlyArray<{ id: number; name: string }>;
  categoryIds: ReadonlyMap<string, number>;
  rng(phase: Phase): Rng;
  progress(phase: string, done: number, total: number): void;
}

/** Stream numbers per phase; append new phases at the end so existing streams keep their data. */
export const Phase = {
  Organizations: 1,
  People: 2,
  Teams: 3,
  Service: 4,
  Honours: 5,
  GroupMembers: 6,
  County: 7,
} as const;
export type Phase = (typeof Phase)[keyof typeof Phase];

interface CountyListFile {
  provinces: Record<string, string>;
  counties: Record<string, [name: string, city: string, province: string]>;
}

function countyNames(code: string): CountyNames {
  const { counties, provinces } = countyList as unknown as CountyListFile;
  const entry = counties[code];
  const name = entry ? entry[0] : '本县';
  const city = entry ? entry[1] : '本市';
  // Sorted for determinism; skip 市辖区-style placeholders, whose codes end in 00.
  const neighbourCodes = Object.keys(counties)
    .filter((c) => c.startsWith(code.slice(0, 2)) && c !== code && !c.endsWith('00'))
    .sort();
  return {
    code,
    name,
    short: shortCountyName(name),
    cityShort: city === '市辖区' || city === '县' ? shortCountyName(name) : city.replace(/(市|地区|自治州|盟)$/, ''),
    provinceShort: (provinces[code.slice(0, 2)] ?? '省').replace(/(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区)$/, '') || '省',
    neighbourCodes,
  };
}

function lookupIds(sqlite: BetterSqlite3.Database, table: 'organization_type' | 'service_field' | 'activity_category'): Array<{ id: number; name: string }> {
  return sqlite.prepare(`SELECT id, name FROM ${table} ORDER BY sort_order, id`).all() as Array<{ id: number; name: string }>;
}

export function createContext(sqlite: BetterSqlite3.Database, options: SeedOptions, scale: ScaleConfig): SeedContext {
  if (!/^\d{6}$/.test(options.countyCode)) throw new Error(`countyCode must be 6 digits, got ${options.countyCode}`);
  const today = toDay(options.today);
  const epoch = dayOf(2018, 1, 1);
  if (today < epoch + 365) throw new Error('today must be 2019-01-01 or later: the synthetic history starts in 2018');

  const typeRows = lookupIds(sqlite, 'organization_type');
  const typeIds = new Map<OrgTypeName, number>();
  for (const typeName of ORG_TYPE_NAMES) {
    const row = typeRows.find((r) => r.name === typeName);
    if (!row) throw new Error(`organization_type ${typeName} is missing; run the migrations first`);
    typeIds.set(typeName, row.id);
  }
  const fields = lookupIds(sqlite, 'service_field');
  const categories = lookupIds(sqlite, 'activity_category');
  if (fields.length === 0 || categories.length === 0) throw new Error('service_field / activity_category are empty; run the migrations first');

  const onProgress = options.onProgress;
  return {
    sqlite,
    options,
    scale,
    today,
    todayYear: yearOf(today),
    epoch,
    county: countyNames(options.countyCode),
    typeIds,
    fields,
    categoryIds: new Map(categories.map((c) => [c.name, c.id])),
    rng: (phase) => new Rng(options.seed, phase),
    progress: (phase, done, total) => onProgress?.(phase, done, total),
  };
}
