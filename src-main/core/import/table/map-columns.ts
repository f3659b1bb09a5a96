import { createHash } from 'node:crypto';
import { type ImportKind, normalizeHeader, type SheetField, sheetFields } from '../../domain/sheet-fields';

export interface MappedColumn {
  /** 0-based column index in the sheet (A = 0). */
  index: number;
  /** The header as the clerk reads it; two-row headers are joined as "联系方式/手机". */
  header: string;
  /** The SheetField key, or null when the column is not imported. */
  field: string | null;
}

interface FieldLookup {
  /** normalized label or alias → field key; labels win over aliases, earlier fields over later. */
  exact: Map<string, string>;
  /** normalized label or alias → how plainly it names its field: 0 the label, then the aliases in
   *  their listed order (手机 before 座机), so of two columns meaning one field the plainer wins. */
  rank: Map<string, number>;
  /** [normalized alias, field key], longest first, for the "header contains an alias" fallback. */
  byLength: Array<[string, string]>;
}

const lookups = new Map<ImportKind, FieldLookup>();

function lookupFor(kind: ImportKind): FieldLookup {
  const cached = lookups.get(kind);
  if (cached) return cached;
  const fields: readonly SheetField[] = sheetFields[kind];
  const exact = new Map<string, string>();
  const rank = new Map<string, number>();
  const add = (text: string, key: string, order: number) => {
    if (exact.has(text)) return;
    exact.set(text, key);
    rank.set(text, order);
  };
  for (const f of fields) add(normalizeHeader(f.label), f.key, 0);
  for (const f of fields) f.aliases.forEach((a, i) => add(normalizeHeader(a), f.key, i + 1));
  // One-character words (e.g. "姓") would match far too much inside other headers.
  const byLength = [...exact.entries()].filter(([text]) => text.length >= 2).sort((a, b) => b[0].length - a[0].length);
  const lookup = { exact, rank, byLength };
  lookups.set(kind, lookup);
  return lookup;
}

/** The sub-header of a two-row header ("联系方式/手机" → "手机"), or null for a one-row header. */
function lastSegment(header: string): string | null {
  const slash = header.lastIndexOf('/');
  return slash > 0 && slash < header.length - 1 ? header.slice(slash + 1) : null;
}

/** A group header's words for whose the columns under it are: 监护人信息 → 监护人. */
const groupSuffix = /(信息|情况|资料|基本信息)$/u;

/**
 * The field a header names exactly, with its rank. Under a group header the group can say whose
 * the column is: 监护人信息/姓名 is 监护人姓名 and 学生信息/姓名 is 学生姓名, where 姓名 alone would
 * give the guardian's columns to the child; otherwise the sub-header decides (联系方式/手机 → 手机).
 */
function exactField(header: string, lookup: FieldLookup): { key: string; rank: number } | null {
  const sub = lastSegment(header);
  const tries = [normalizeHeader(header)];
  if (sub !== null) {
    const group = header.slice(0, header.length - sub.length - 1);
    tries.push(normalizeHeader(group.replace(groupSuffix, '') + sub), normalizeHeader(sub));
  }
  for (const text of tries) {
    const key = lookup.exact.get(text);
    if (key !== undefined) return { key, rank: lookup.rank.get(text) ?? 0 };
  }
  return null;
}

/**
 * Roster columns about something else that happen to contain a field's word: 工作单位 is the
 * person's employer, not their Red Cross organisation; 家庭电话 may be anyone's.
 */
const otherColumns = ['工作单位', '单位地址', '单位性质', '单位职务', '家庭住址', '家庭电话', '住址', '地址', '邮编', '邮箱', '微信', 'qq', '学历', '职务', '职称', '民族', '政治面貌', '籍贯'];

/**
 * "会员姓名（必填）", "身份证号码（18位）": the header contains an alias. Careful on purpose:
 * when what is left over names another field ("监护人身份证号码", "家长联系电话"), the column is
 * about someone else and stays unmapped for the clerk to decide.
 */
function containedField(header: string, lookup: FieldLookup): string | null {
  const text = normalizeHeader(header);
  if (otherColumns.some((word) => text.includes(word))) return null;
  for (const [alias, key] of lookup.byLength) {
    const at = text.indexOf(alias);
    if (at < 0) continue;
    const rest = text.slice(0, at) + '\u0000' + text.slice(at + alias.length);
    const other = lookup.byLength.some(([a, k]) => k !== key && rest.includes(a));
    return other ? null : key;
  }
  return null;
}

/**
 * Maps each header to a field of the kind: exact matches (label or alias, after normalizeHeader)
 * first, then the contains fallback for the rest. A field takes one column only: of two columns
 * naming it exactly the plainer name wins (负责人 over 联系人 for 负责人, 手机 over 座机 for
 * 手机号码), then the first; the other column stays unmapped for the clerk to see.
 */
export function mapColumns(headers: readonly string[], kind: ImportKind): MappedColumn[] {
  const lookup = lookupFor(kind);
  const columns: MappedColumn[] = headers.map((header, index) => ({ index, header, field: null }));
  const taken = new Set<string>();
  const claim = (column: MappedColumn, key: string | null): void => {
    if (key === null || taken.has(key)) return;
    taken.add(key);
    column.field = key;
  };
  const tried = new Set<number>();
  const exactOnes: Array<{ column: MappedColumn; key: string; rank: number }> = [];
  for (const column of columns) {
    if (column.header.trim() === '') continue;
    const found = exactField(column.header, lookup);
    if (found !== null) {
      tried.add(column.index);
      exactOnes.push({ column, ...found });
    }
  }
  // Stable sort: equal ranks keep sheet order, so the first column still wins among equals.
  for (const { column, key } of exactOnes.sort((a, b) => a.rank - b.rank)) claim(column, key);
  // A column whose exact field was already taken is a duplicate, not a candidate for a guess.
  for (const column of columns) {
    if (column.field !== null || tried.has(column.index) || column.header.trim() === '') continue;
    // Under a group header the group names a category ("联系方式/微信"), so only the sub-header is searched.
    claim(column, containedField(lastSegment(column.header) ?? column.header, lookup));
  }
  return columns;
}

/**
 * The clerk's corrections: column index → field key, or null to leave a column out. A field the
 * clerk assigns is taken away from any other column that had it, so one field stays one column.
 */
export function applyMapping(columns: readonly MappedColumn[], override: Readonly<Record<number, string | null>>): MappedColumn[] {
  const assigned = new Set<string>();
  for (const [index, key] of Object.entries(override)) if (key !== null && columns.some((c) => c.index === Number(index))) assigned.add(key);
  return columns.map((column) => {
    if (Object.hasOwn(override, column.index)) return { ...column, field: override[column.index] ?? null };
    if (column.field !== null && assigned.has(column.field)) return { ...column, field: null };
    return { ...column };
  });
}

/** Field keys of the kind that no column maps to and a row cannot do without. */
export function missingRequiredFields(columns: readonly MappedColumn[], kind: ImportKind): string[] {
  const mapped = new Set(columns.map((c) => c.field));
  return sheetFields[kind].filter((f) => f.required === true && !mapped.has(f.key)).map((f) => f.key);
}

/**
 * The same header layout gives the same signature, so a mapping the clerk corrected once is
 * offered again: headers compared after normalizeHeader, trailing empty columns ignored.
 */
export function headerSignature(headers: readonly string[]): string {
  const normalized = headers.map((h) => normalizeHeader(h));
  while (normalized.length > 0 && normalized[normalized.length - 1] === '') normalized.pop();
  return createHash('sha256').update(normalized.join('\u0001')).digest('hex').slice(0, 16);
}
