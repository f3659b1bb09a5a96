import type BetterSqlite3 from 'better-sqlite3';
import { memberActiveAt, memberKindAt, organizationEstablishedAt, teamActiveAt, volunteerActiveAt } from '../db/active-at';
import { fail } from '../errors';
import { factsNeeded, judge, ruleSchema, type BojiaLevel, type FactKind, type OrgFacts, type Rule, type RuleResult } from './rules';

// The checklist evaluator: one aggregate query per fact for every organisation at once (never a
// query per organisation), as of a date D. "In the year" is the calendar year of D up to D.
// Manual items read the append-only checklist_status history: the latest check on or before D
// among the checks of that item's title in any version of the standard (see manualItemSources).
// Facts without a history in the ledger (leader, service site, term end, 博爱家园 status, 冠名)
// are read as they are now, whatever D is; the UI says so.

export type CellStatus = 'met' | 'not_met' | 'not_applicable' | 'unchecked';

export interface TemplateItemDef {
  id: number;
  seq: number;
  title: string;
  description: string | null;
  mode: 'auto' | 'manual';
  rule: Rule | null;
  typeIds: number[];
}

export interface TemplateDef {
  id: number;
  code: string;
  name: string;
  issuer: string | null;
  version: string;
  effectiveOn: string | null;
  isDraftDefault: boolean;
  origin: 'builtin' | 'imported' | 'custom';
  confirmedOn: string | null;
  items: TemplateItemDef[];
}

export interface EvaluatedOrg {
  id: number;
  name: string;
  typeId: number | null;
  parentId: number | null;
}

export interface Evaluation {
  template: TemplateDef;
  asOf: string;
  orgs: EvaluatedOrg[];
  /** cells[i][j]: organisation i, item j (template order). */
  cells: CellStatus[][];
}

const statementCache = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

function prepared(sqlite: BetterSqlite3.Database, text: string): BetterSqlite3.Statement {
  let cache = statementCache.get(sqlite);
  if (!cache) statementCache.set(sqlite, (cache = new Map()));
  let statement = cache.get(text);
  if (!statement) cache.set(text, (statement = sqlite.prepare(text)));
  return statement;
}

/** A stored rule is trusted only after parsing: a row edited outside the app must not crash the matrix. */
function storedRule(json: string | null): Rule | null {
  if (json === null) return null;
  try {
    const parsed = ruleSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function loadTemplate(sqlite: BetterSqlite3.Database, templateId: number): TemplateDef | null {
  const t = prepared(sqlite, 'SELECT * FROM checklist_template WHERE id = ?').get(templateId) as
    | { id: number; code: string; name: string; issuer: string | null; version: string; effective_on: string | null; is_draft_default: number; origin: TemplateDef['origin']; confirmed_on: string | null }
    | undefined;
  if (!t) return null;
  const items = prepared(sqlite, 'SELECT id, seq, title, description, mode, rule_json FROM checklist_item WHERE template_id = ? ORDER BY seq').all(templateId) as Array<{
    id: number;
    seq: number;
    title: string;
    description: string | null;
    mode: 'auto' | 'manual';
    rule_json: string | null;
  }>;
  const types = prepared(sqlite, 'SELECT it.item_id, it.type_id FROM checklist_item_type it JOIN checklist_item i ON i.id = it.item_id WHERE i.template_id = ? ORDER BY it.type_id').all(templateId) as Array<{ item_id: number; type_id: number }>;
  return {
    id: t.id,
    code: t.code,
    name: t.name,
    issuer: t.issuer,
    version: t.version,
    effectiveOn: t.effective_on,
    isDraftDefault: t.is_draft_default === 1,
    origin: t.origin,
    confirmedOn: t.confirmed_on,
    items: items.map((i) => ({
      id: i.id,
      seq: i.seq,
      title: i.title,
      description: i.description,
      mode: i.mode,
      rule: storedRule(i.rule_json),
      typeIds: types.filter((x) => x.item_id === i.id).map((x) => x.type_id),
    })),
  };
}

/**
 * The version of a template in force on asOf: the latest effective on or before it (ties: the later
 * saved, higher id); when none is effective yet, the earliest. Only the builtins may be undated
 * (saving or importing a version dates it, today at the latest): undated means "from the start".
 */
export function templateIdInForce(sqlite: BetterSqlite3.Database, code: string, asOf: string): number | null {
  const versions = prepared(sqlite, 'SELECT id, ifnull(effective_on, \'\') AS since FROM checklist_template WHERE code = ? ORDER BY since, id').all(code) as Array<{ id: number; since: string }>;
  if (versions.length === 0) return null;
  const effective = versions.filter((v) => v.since <= asOf);
  return effective.length > 0 ? effective[effective.length - 1]!.id : versions[0]!.id;
}

/** How a manual item is recognised across versions of a standard: its title without whitespace (Chinese titles need none). */
export const itemTitleKey = (title: string) => title.replace(/\s+/g, '');

/**
 * A manual check belongs to the item as titled within the standard, not to one version's row:
 * pairs [item of any version of this code, item of this template] with the same manual title, so a
 * new version (new item ids) keeps the checks recorded on earlier ones, and the reverse.
 */
export function manualItemSources(sqlite: BetterSqlite3.Database, template: Pick<TemplateDef, 'code' | 'items'>, itemIds?: number[]): Array<[number, number]> {
  const wanted = template.items.filter((i) => i.mode === 'manual' && (itemIds === undefined || itemIds.includes(i.id)));
  if (wanted.length === 0) return [];
  const all = prepared(sqlite, "SELECT i.id, i.title FROM checklist_item i JOIN checklist_template t ON t.id = i.template_id WHERE t.code = ? AND i.mode = 'manual'").all(template.code) as Array<{ id: number; title: string }>;
  const byKey = new Map<string, number[]>();
  for (const row of all) {
    const key = itemTitleKey(row.title);
    byKey.set(key, [...(byKey.get(key) ?? []), row.id]);
  }
  return wanted.flatMap((item) => (byKey.get(itemTitleKey(item.title)) ?? [item.id]).map((source): [number, number] => [source, item.id]));
}

const yearStart = (asOf: string) => `${asOf.slice(0, 4)}-01-01`;

/** `scope` narrows a query to some organisations (a township's subtree, one cell) by index seeks. */
function factQuery(kind: FactKind, scoped: boolean): string {
  const inScope = (column: string) => (scoped ? `AND ${column} IN (SELECT value FROM json_each(:ids))` : '');
  switch (kind) {
    case 'members':
      return `SELECT m.organization_id AS id, count(*) AS n FROM member m WHERE ${memberActiveAt('m')} ${inScope('m.organization_id')} GROUP BY m.organization_id`;
    case 'membersByKind':
      return `SELECT m.organization_id AS id, count(*) AS n, sum(${memberKindAt('m')} = 'youth') AS youth FROM member m WHERE ${memberActiveAt('m')} ${inScope('m.organization_id')} GROUP BY m.organization_id`;
    case 'volunteers':
      return `SELECT v.organization_id AS id, count(*) AS n FROM volunteer v WHERE ${volunteerActiveAt('v')} AND v.organization_id IS NOT NULL ${inScope('v.organization_id')} GROUP BY v.organization_id`;
    case 'teams':
      return `SELECT t.organization_id AS id, count(*) AS n FROM volunteer_team t WHERE ${teamActiveAt('t')} AND t.organization_id IS NOT NULL ${inScope('t.organization_id')} GROUP BY t.organization_id`;
    // An activity belongs to the organisation it names, else to its team's organisation.
    case 'activities':
      return `SELECT coalesce(r.organization_id, t.organization_id) AS id, count(*) AS n
        FROM service_record r LEFT JOIN volunteer_team t ON t.id = r.team_id
        WHERE r.held_on >= :yearStart AND r.held_on <= :asOf GROUP BY 1`;
    case 'minutes':
      return `SELECT coalesce(r.organization_id, t.organization_id) AS id, sum(h.minutes) AS n
        FROM service_record r LEFT JOIN volunteer_team t ON t.id = r.team_id JOIN service_hours h ON h.service_record_id = r.id
        WHERE r.held_on >= :yearStart AND r.held_on <= :asOf GROUP BY 1`;
  }
}

interface OrgRow extends EvaluatedOrg {
  leader_name: string | null;
  service_site: string | null;
  term_ends_on: string | null;
  bojia_status: BojiaLevel;
  red_cross_named: number;
}

/** Organisations established on asOf, optionally limited to ids (JSON array bound once). */
function establishedOrgs(sqlite: BetterSqlite3.Database, asOf: string, ids: number[] | null): OrgRow[] {
  const base = `SELECT o.id, o.name, o.type_id AS typeId, o.parent_id AS parentId, o.leader_name, o.service_site, o.term_ends_on, o.bojia_status, o.red_cross_named
    FROM organization o WHERE ${organizationEstablishedAt('o')}`;
  if (ids === null) return prepared(sqlite, `${base} ORDER BY o.id`).all({ asOf }) as OrgRow[];
  return prepared(sqlite, `${base} AND o.id IN (SELECT value FROM json_each(:ids)) ORDER BY o.id`).all({ asOf, ids: JSON.stringify(ids) }) as OrgRow[];
}

/**
 * Seeking each organisation's index range beats one pass over the county while the organisations
 * asked about are at most half of the county's (a township, the communities of the dashboard);
 * the cost of a seek is the organisation's own rows, so the share of organisations is what counts.
 */
function worthScoping(sqlite: BetterSqlite3.Database, scope: number[]): boolean {
  const total = prepared(sqlite, 'SELECT count(*) FROM organization').pluck().get() as number;
  return scope.length * 2 <= total;
}

function countsBy(sqlite: BetterSqlite3.Database, kind: FactKind, asOf: string, scope: number[] | null): Map<number, { n: number; youth?: number }> {
  const yearly = kind === 'activities' || kind === 'minutes';
  const scoped = !yearly && scope !== null && worthScoping(sqlite, scope);
  const params: Record<string, string> = yearly ? { asOf, yearStart: yearStart(asOf) } : { asOf };
  if (scoped) params.ids = JSON.stringify(scope);
  const rows = prepared(sqlite, factQuery(kind, scoped)).all(params) as Array<{ id: number | null; n: number; youth?: number }>;
  const map = new Map<number, { n: number; youth?: number }>();
  for (const r of rows) if (r.id !== null) map.set(r.id, r);
  return map;
}

/**
 * Latest manual check on or before asOf for each (organisation, target item), reading the checks
 * of every source item paired with it (see manualItemSources). One pass: the pairs drive seeks on
 * checklist_status_item (item_id, checked_on).
 */
export function latestChecks(sqlite: BetterSqlite3.Database, pairs: Array<[number, number]>, asOf: string): Map<string, { id: number; status: 'met' | 'not_met' | 'not_applicable' }> {
  const map = new Map<string, { id: number; status: 'met' | 'not_met' | 'not_applicable' }>();
  if (pairs.length === 0) return map;
  const rows = prepared(
    sqlite,
    `WITH pair(source, target) AS (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(:pairs))
     SELECT id, organization_id, target AS item_id, status FROM (
       SELECT s.id, s.organization_id, p.target, s.status,
              row_number() OVER (PARTITION BY s.organization_id, p.target ORDER BY s.checked_on DESC, s.id DESC) AS rn
       FROM pair p CROSS JOIN checklist_status s
       WHERE s.item_id = p.source AND s.checked_on <= :asOf)
     WHERE rn = 1`,
  ).all({ pairs: JSON.stringify(pairs), asOf }) as Array<{ id: number; organization_id: number; item_id: number; status: 'met' | 'not_met' | 'not_applicable' }>;
  for (const r of rows) map.set(`${r.organization_id}:${r.item_id}`, { id: r.id, status: r.status });
  return map;
}

export interface OrgFactsTable {
  facts(orgId: number): OrgFacts;
}

/** Runs only the aggregates the items' rules need, each once for the whole county. */
export function gatherFacts(sqlite: BetterSqlite3.Database, items: TemplateItemDef[], orgs: OrgRow[], asOf: string): OrgFactsTable {
  const needed = new Set<FactKind>();
  for (const item of items) if (item.mode === 'auto' && item.rule) factsNeeded(item.rule, needed);
  const tables = new Map<FactKind, Map<number, { n: number; youth?: number }>>();
  const scope = orgs.map((o) => o.id);
  for (const kind of needed) tables.set(kind, countsBy(sqlite, kind, asOf, scope));
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const n = (kind: FactKind, id: number) => tables.get(kind)?.get(id)?.n ?? 0;
  return {
    facts(id) {
      const o = byId.get(id)!;
      const total = tables.has('membersByKind') ? n('membersByKind', id) : n('members', id);
      const youth = tables.get('membersByKind')?.get(id)?.youth ?? 0;
      return {
        leaderName: o.leader_name?.trim() || null,
        serviceSite: o.service_site?.trim() || null,
        termEndsOn: o.term_ends_on,
        bojiaStatus: o.bojia_status,
        redCrossNamed: o.red_cross_named === 1,
        members: total,
        adultMembers: total - youth,
        youthMembers: youth,
        volunteers: n('volunteers', id),
        teams: n('teams', id),
        activitiesInYear: n('activities', id),
        minutesInYear: n('minutes', id),
      };
    },
  };
}

function applies(item: TemplateItemDef, typeId: number | null): boolean {
  // An item with no types listed applies to every organisation; otherwise only to those types.
  return item.typeIds.length === 0 || (typeId !== null && item.typeIds.includes(typeId));
}

export interface CellVerdict {
  status: CellStatus;
  reason: string;
  statusId: number | null;
}

function verdict(item: TemplateItemDef, org: OrgRow, facts: OrgFactsTable, checks: Map<string, { id: number; status: 'met' | 'not_met' | 'not_applicable' }>, asOf: string, withReason: boolean): CellVerdict {
  if (!applies(item, org.typeId)) return { status: 'not_applicable', reason: '该项不适用于此类型的组织', statusId: null };
  if (item.mode === 'manual') {
    const check = checks.get(`${org.id}:${item.id}`);
    if (!check) return { status: 'unchecked', reason: `截至 ${asOf} 尚未核查`, statusId: null };
    const label = check.status === 'met' ? '达标' : check.status === 'not_met' ? '未达标' : '不适用';
    return { status: check.status, reason: `人工核查结果：${label}`, statusId: check.id };
  }
  if (!item.rule) return { status: 'unchecked', reason: '该项的规则无法识别，请重新导入或编辑模板', statusId: null };
  const result: RuleResult = judge(item.rule, facts.facts(org.id), asOf);
  return { status: result.met ? 'met' : 'not_met', reason: withReason ? result.reason : '', statusId: null };
}

/** The whole matrix: every established organisation (or those among orgIds) × every item. */
export function evaluateTemplate(sqlite: BetterSqlite3.Database, template: TemplateDef, asOf: string, orgIds: number[] | null): Evaluation {
  const orgs = establishedOrgs(sqlite, asOf, orgIds);
  const facts = gatherFacts(sqlite, template.items, orgs, asOf);
  const checks = latestChecks(sqlite, manualItemSources(sqlite, template), asOf);
  const cells = orgs.map((org) => template.items.map((item) => verdict(item, org, facts, checks, asOf, false).status));
  return { template, asOf, orgs: orgs.map(({ id, name, typeId, parentId }) => ({ id, name, typeId, parentId })), cells };
}

/** One cell with its reason, for the click-through. Null when the organisation was not established on asOf. */
export function evaluateCell(sqlite: BetterSqlite3.Database, template: TemplateDef, itemId: number, orgId: number, asOf: string): CellVerdict | null {
  const item = template.items.find((i) => i.id === itemId);
  if (!item) return null;
  const orgs = establishedOrgs(sqlite, asOf, [orgId]);
  const org = orgs[0];
  if (!org) return null;
  const facts = gatherFacts(sqlite, [item], orgs, asOf);
  const checks = latestChecks(sqlite, manualItemSources(sqlite, template, [item.id]), asOf);
  return verdict(item, org, facts, checks, asOf, true);
}

/** Meets the template: at least one item applies, and every applicable item is met. */
export function meetsAll(row: CellStatus[]): boolean {
  let applicable = 0;
  for (const s of row) {
    if (s === 'not_applicable') continue;
    if (s !== 'met') return false;
    applicable++;
  }
  return applicable > 0;
}

/**
 * For the targets dashboard: the organisations among organizationIds that meet every applicable
 * item of the template version in force on asOf (see templateIdInForce).
 */
export function organizationsMeetingTemplate(sqlite: BetterSqlite3.Database, input: { templateCode: string; asOf: string; organizationIds: number[] }): Set<number> {
  const templateId = templateIdInForce(sqlite, input.templateCode, input.asOf);
  if (templateId === null) fail('NOT_FOUND', `找不到代码为“${input.templateCode}”的达标模板。`);
  const template = loadTemplate(sqlite, templateId)!;
  const evaluation = evaluateTemplate(sqlite, template, input.asOf, input.organizationIds);
  const meeting = new Set<number>();
  evaluation.orgs.forEach((org, i) => {
    if (meetsAll(evaluation.cells[i]!)) meeting.add(org.id);
  });
  return meeting;
}
