import { cleanPhone, parseDateCell, parseYesNo } from '../clean/index';
import type { ImportOptions } from '../../api/contract/import';
import type { RawCell } from '../read/types';
import { cellText, isEmptyCell, type IssueList } from './issues';

// Optional and required cells every kind reads the same way: the reason names the row and the
// column (the IssueList adds both), a bad optional cell is a reason too — never silently dropped.

/** A phone number, or null when empty or masked (a masked export never erases the ledger's number). */
export function optionalPhone(row: number, cell: unknown, field: string, issues: IssueList): string | null {
  if (isEmptyCell(cell) || cellText(cell).includes('*')) return null;
  const phone = cleanPhone(cell as RawCell);
  if ('error' in phone) {
    issues.reject(row, field, phone.error);
    return null;
  }
  for (const w of phone.warnings) issues.warn(row, field, w);
  return phone.value;
}

/** Trimmed text, or null when the cell is empty or a placeholder (无, /, —). */
export function optionalText(cell: unknown): string | null {
  return isEmptyCell(cell) ? null : cellText(cell) || null;
}

export interface DateRule {
  required?: boolean;
  allowYearMonth?: boolean;
  /** Rejected when later than this (today). */
  notAfter?: string;
  /** Rejected when earlier than this, with the label saying what it is. */
  notBefore?: { date: string; label: string } | null;
}

/** A date as the clerk typed it, or null (the row is rejected when the rule says so). */
export function dateCell(row: number, cell: unknown, field: string, issues: IssueList, rule: DateRule): string | null {
  const label = issues.label(field);
  if (isEmptyCell(cell)) {
    if (rule.required) issues.reject(row, field, `没有填写${label}。`);
    return null;
  }
  const parsed = parseDateCell(cell as RawCell, { allowYearMonth: rule.allowYearMonth === true });
  if ('error' in parsed) {
    issues.reject(row, field, parsed.error);
    return null;
  }
  for (const w of parsed.warnings) issues.warn(row, field, w);
  if (rule.notAfter !== undefined && parsed.value > rule.notAfter) {
    issues.reject(row, field, `${label} ${parsed.value} 晚于今天。`);
    return null;
  }
  if (rule.notBefore && parsed.value < rule.notBefore.date) {
    issues.reject(row, field, `${label} ${parsed.value} 早于${rule.notBefore.label} ${rule.notBefore.date}。`);
    return null;
  }
  return parsed.value;
}

/** 是/否 cells; an empty cell is `fallback`, an unreadable one rejects the row. */
export function yesNoCell(row: number, cell: unknown, field: string, issues: IssueList, fallback: boolean): boolean {
  if (isEmptyCell(cell) && !(typeof cell === 'string' && ['无', '没有'].includes(cell.trim()))) return fallback;
  const parsed = parseYesNo(cell as RawCell);
  if ('error' in parsed) {
    issues.reject(row, field, parsed.error);
    return fallback;
  }
  return parsed.value;
}

/** Field keys → their labels, for "表中的 X、Y 与台账不同". */
export function describeChanges(issues: IssueList, keys: string[]): string {
  return keys.map((k) => issues.label(k)).join('、');
}


/**
 * What to do with a row whose record is already in the ledger, as members.ts decides it: the
 * same values are unchanged whatever the choice; otherwise keep and reject list the row with
 * the reason, update writes only the fields that differ.
 */
export function onDuplicate(
  options: Pick<ImportOptions, 'onDuplicate'>,
  issues: IssueList,
  row: number,
  field: string,
  already: string,
  changed: string[],
): 'unchanged' | 'update' | 'skip' {
  if (changed.length === 0) return 'unchanged';
  if (options.onDuplicate === 'reject') {
    issues.reject(row, field, `${already}；按导入时的选择（拒绝重复），该行不导入。`);
    return 'skip';
  }
  if (options.onDuplicate === 'keep') {
    issues.reject(row, field, `${already}，表中的${describeChanges(issues, changed)}与台账不同；按导入时的选择（保留台账中的），没有修改。`);
    return 'skip';
  }
  return 'update';
}

/** A cell written as a year and month only (2020.5, 2020年5月) that contains `date`. */
export function withinMonth(cell: RawCell | undefined, date: string): boolean {
  if (isEmptyCell(cell)) return false;
  const monthOnly = parseDateCell(cell as RawCell, { allowYearMonth: true });
  return 'value' in monthOnly && 'error' in parseDateCell(cell as RawCell, {}) && monthOnly.value.slice(0, 7) === date.slice(0, 7);
}
