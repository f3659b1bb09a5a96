import type BetterSqlite3 from 'better-sqlite3';
import type { IdType } from '../../db/schema';
import { maskIdNumber, normalizeIdNumber } from '../../domain/id-number';
import { cleanGender, cleanIdNumber, cleanIdType, cleanPersonName, numberCarriesBirth, parseDateCell, type DocumentType } from '../clean/index';
import { otherDocumentNumber } from '../../domain/identity';
import { idTypeLabels } from '../../domain/labels';
import type { RawCell } from '../read/types';
import { cellText, isEmptyCell, type IssueList } from './issues';

// Who a row is: the ID number decides (one number, one person across the county), checked and
// normalised by the cleaning rules. A masked number (an export without 完整身份证号) is matched
// back to the one ledger person with that name, area code and last four characters, so a
// roster exported by the app re-imports as unchanged instead of failing.

export interface PersonRow {
  id: number;
  name: string;
  gender: 'M' | 'F' | null;
  id_type: string;
  id_number: string | null;
  birth_date: string | null;
  phone: string | null;
  guardian_name: string | null;
  guardian_phone: string | null;
  guardian_relation: string | null;
  guardian_consent_on: string | null;
  guardian_consent_method: string | null;
}

export interface RowIdentity {
  name: string;
  idType: IdType;
  idNumber: string;
  birthDate: string;
  /** Null only for a passport or permit holder whose sheet leaves 性别 empty, as the member form allows. */
  gender: 'M' | 'F' | null;
  existing: PersonRow | null;
}

/** The cells of a row that say who it is; 证件类型, 性别 and 出生日期 are optional columns. */
export interface IdentityCells {
  name?: RawCell | undefined;
  idNumber?: RawCell | undefined;
  idType?: RawCell | undefined;
  gender?: RawCell | undefined;
  birthDate?: RawCell | undefined;
}

const personColumns = 'id, name, gender, id_type, id_number, birth_date, phone, guardian_name, guardian_phone, guardian_relation, guardian_consent_on, guardian_consent_method';

const prefetchBatch = 500;

const maskedId = /^(\d{6})\*{6,10}(\d{3}[\dX])$/;
/** A passport or travel permit number as maskIdNumber shows it: E*******8, ABC****12. */
const maskedOther = /^([A-Z0-9]{1,3})(\*+)([A-Z0-9]{1,2})$/;
const residentLike = /^(\d{17}[\dX]|\d{15})$/;
/** Passports and permits as numbers: a letter or two, then digits (E12345678, H1234567801). */
const documentLike = /^[A-Z]{1,2}\d{6,10}$/;

/**
 * Finds a passport or travel permit holder by the number as a sheet writes it (a sheet without a
 * 证件类型 column cannot say which document a number is): the number itself or, masked (E*******8), the
 * numbers it can be together with the name. `select` reads person `p`; both queries seek the
 * (id_type, id_number) index. No rows for a resident ID's form.
 */
export function otherDocumentFinder<R>(sqlite: BetterSqlite3.Database, select: string): (typed: string, name: string | null) => R[] {
  const where = `p.id_type IN ('hm_travel_permit', 'passport', 'foreign_permanent_id')`;
  const byNumber = sqlite.prepare(`${select} WHERE ${where} AND p.id_number = ?`);
  const byMask = sqlite.prepare(`${select} WHERE ${where} AND p.id_number >= ? AND p.id_number < ? AND p.id_number LIKE ? AND p.name = ?`);
  return (typed, name) => {
    if (residentLike.test(typed)) return [];
    const masked = maskedOther.exec(typed);
    if (!masked) return byNumber.all(typed) as R[];
    if (name === null) return [];
    const [, head, stars, tail] = masked as unknown as [string, string, string, string];
    return byMask.all(head, `${head}\uffff`, `${head}${'_'.repeat(stars.length)}${tail}`, name) as R[];
  };
}

export class PersonFinder {
  private readonly byNumber: BetterSqlite3.Statement;
  private readonly byMask: BetterSqlite3.Statement;
  /** ID number → first sheet row, for duplicates inside the file. */
  private readonly seen = new Map<string, number>();
  /** Looked up ahead in batches (one statement per 500 rows instead of one per row). */
  private readonly known = new Map<string, PersonRow | null>();
  private readonly sqlite: BetterSqlite3.Database;
  private inBatch: BetterSqlite3.Statement | null = null;
  private readonly otherDocument: (typed: string, name: string) => PersonRow[];

  constructor(sqlite: BetterSqlite3.Database) {
    this.sqlite = sqlite;
    const columns = personColumns;
    this.byNumber = sqlite.prepare(`SELECT ${columns} FROM person WHERE id_number = ? AND id_type IN ('resident_id', 'hmt_residence_permit')`);
    this.byMask = sqlite.prepare(`SELECT ${columns} FROM person WHERE id_tail >= ? AND id_tail < ? AND substr(id_number, 1, 6) = ? AND name = ?`);
    this.otherDocument = otherDocumentFinder<PersonRow>(sqlite, `SELECT ${columns} FROM person p`);
  }

  /** Fetches the persons of these ID cells ahead, in batches; identify() then needs no query for them. */
  prefetch(cells: readonly RawCell[]): void {
    const numbers = [...new Set(cells.map((c) => normalizeIdNumber(cellText(c))).filter((n) => n.length === 18 && !this.known.has(n)))];
    const batch = prefetchBatch;
    this.inBatch ??= this.sqlite.prepare(
      `SELECT ${personColumns} FROM person WHERE id_type IN ('resident_id', 'hmt_residence_permit') AND id_number IN (${Array(batch).fill('?').join(', ')})`,
    );
    const statement = this.inBatch;
    for (let i = 0; i < numbers.length; i += batch) {
      const slice = numbers.slice(i, i + batch);
      for (const n of slice) this.known.set(n, null);
      const padded = slice.concat(Array(batch - slice.length).fill(''));
      for (const person of statement.all(...padded) as PersonRow[]) this.known.set(person.id_number as string, person);
    }
  }

  /**
   * The row's person, or null when the row is rejected (the reason is recorded). For a number
   * that carries them, the number decides birth date and sex, and the clerk is told where the
   * row's own columns say otherwise.
   */
  identify(row: number, cells: IdentityCells, today: string, issues: IssueList): RowIdentity | null {
    const idCell = cells.idNumber ?? null;
    const name = cleanPersonName(cells.name ?? null);
    if ('error' in name) {
      issues.reject(row, 'name', name.error);
      return null;
    }
    for (const w of name.warnings) issues.warn(row, 'name', w);
    if (isEmptyCell(idCell)) {
      issues.reject(row, 'idNumber', '没有填写身份证号码；台账靠身份证号码识别同一个人，不能导入没有号码的人员。');
      return null;
    }
    const type = cleanIdType(cells.idType ?? null);
    if ('error' in type) {
      issues.reject(row, 'idType', type.error);
      return null;
    }
    if (!numberCarriesBirth(type.value)) return this.identifyByDocument(row, name.value, type.value, cells, today, issues);
    const identity = this.identifyByNumber(row, name.value, idCell, isEmptyCell(cells.idType ?? null), today, issues);
    if (!identity) return null;
    if (type.value === 'hmt_residence_permit' && identity.idType !== 'hmt_residence_permit' && !identity.existing) {
      issues.reject(row, 'idType', '证件类型填的是港澳台居民居住证，号码却不是居住证号码（应以 81、82 或 83 开头），请核对。');
      return null;
    }
    if (identity.idType === 'resident_id' || identity.idType === 'hmt_residence_permit') this.warnContradictions(row, identity, cells, issues);
    return identity;
  }

  /** The ledger's person, or a new one, for a number that is (or may be) a 居民身份证 or 居住证. */
  private identifyByNumber(row: number, name: string, idCell: RawCell, typeUnsaid: boolean, today: string, issues: IssueList): RowIdentity | null {
    const masked = maskedId.exec(cellText(idCell).replace(/\s/g, '').toUpperCase());
    if (masked) {
      const [, area, last4] = masked as unknown as [string, string, string];
      const reversed = [...last4].reverse().join('');
      const hits = this.byMask.all(reversed, `${reversed}\uffff`, area, name) as PersonRow[];
      if (hits.length !== 1 || !hits[0]?.id_number) {
        issues.reject(row, 'idNumber', '身份证号码已打码（导出时没有勾选“包含完整身份证号”），台账中找不到唯一对应的人，请填写完整号码。');
        return null;
      }
      const person = hits[0];
      return { name, idType: person.id_type as IdType, idNumber: person.id_number as string, birthDate: person.birth_date ?? '', gender: person.gender, existing: person };
    }

    // A passport or travel permit the ledger holds is that person, so an exported roster
    // re-imports as unchanged.
    const hits = this.otherDocument(normalizeIdNumber(cellText(idCell)).toUpperCase(), name);
    if (hits.length === 1) {
      const person = hits[0] as PersonRow;
      return { name, idType: person.id_type as IdType, idNumber: person.id_number as string, birthDate: person.birth_date ?? '', gender: person.gender, existing: person };
    }
    const id = cleanIdNumber(idCell, today);
    if ('error' in id) {
      const typed = normalizeIdNumber(cellText(idCell)).toUpperCase();
      const reason = typeUnsaid && documentLike.test(typed)
        ? `“${maskIdNumber(typed)}”不是居民身份证号码；如是护照或通行证号码，请在表中增加“证件类型”列注明，并填写出生日期和性别。`
        : id.error;
      issues.reject(row, 'idNumber', reason);
      return null;
    }
    for (const w of id.warnings) issues.warn(row, 'idNumber', w);
    const known = this.known.get(id.value.idNumber);
    const existing = known !== undefined ? known : ((this.byNumber.get(id.value.idNumber) as PersonRow | undefined) ?? null);
    // One in eleven numbers Excel rounded to …000 still passes the check by chance; a number the
    // ledger already holds was checked when it was entered.
    if (!existing && id.value.upgradedFrom === null && id.value.idNumber.endsWith('000')) {
      issues.warn(row, 'idNumber', `身份证号码 ${maskIdNumber(id.value.idNumber)} 以 000 结尾，可能曾在 Excel 中被当成数字而丢失了末几位，请核对原件。`);
    }
    return { name, idType: id.value.idType, idNumber: id.value.idNumber, birthDate: id.value.birthDate, gender: id.value.gender, existing };
  }

  /**
   * A passport, travel permit or permanent residence card (证件类型 says so): the number is taken
   * as written, and the birth date and sex come from their own columns, as on the member form.
   */
  private identifyByDocument(row: number, name: string, type: DocumentType, cells: IdentityCells, today: string, issues: IssueList): RowIdentity | null {
    const label = idTypeLabels[type];
    const typed = normalizeIdNumber(cellText(cells.idNumber ?? null)).toUpperCase();
    const hits = this.otherDocument(typed, name);
    const sameType = hits.filter((p) => p.id_type === type);
    const person = hits.length === 1 ? hits[0] : sameType.length === 1 ? sameType[0] : undefined;
    if (person) {
      return { name, idType: person.id_type as IdType, idNumber: person.id_number as string, birthDate: person.birth_date ?? '', gender: person.gender, existing: person };
    }
    if (hits.length > 1) {
      issues.reject(row, 'idNumber', `台账中有几个人登记了这个号码（证件类型不同），无法确定是谁，请核对证件类型。`);
      return null;
    }
    if (maskedOther.test(typed)) {
      issues.reject(row, 'idNumber', `${label}号码已打码（导出时没有勾选“包含完整身份证号”），台账中找不到唯一对应的人，请填写完整号码。`);
      return null;
    }
    if (!otherDocumentNumber.test(typed)) {
      issues.reject(row, 'idNumber', `${label}号码只能包含字母和数字，长度 5–20 位，请核对。`);
      return null;
    }
    const birthCell = cells.birthDate ?? null;
    if (isEmptyCell(birthCell)) {
      issues.reject(row, 'birthDate', `${label}号码中没有出生日期，须填写出生日期。`);
      return null;
    }
    const birth = parseDateCell(birthCell, {});
    if ('error' in birth) {
      issues.reject(row, 'birthDate', birth.error);
      return null;
    }
    if (birth.value > today) {
      issues.reject(row, 'birthDate', `出生日期 ${birth.value} 晚于今天。`);
      return null;
    }
    let gender: 'M' | 'F' | null = null;
    const genderCell = cells.gender ?? null;
    if (!isEmptyCell(genderCell)) {
      const sex = cleanGender(genderCell);
      if ('error' in sex) {
        issues.reject(row, 'gender', sex.error);
        return null;
      }
      gender = sex.value;
    }
    return { name, idType: type, idNumber: typed, birthDate: birth.value, gender, existing: null };
  }

  /** 性别 and 出生日期 as the row gives them against the number's: the number wins, and the clerk is told. */
  private warnContradictions(row: number, who: RowIdentity, cells: IdentityCells, issues: IssueList): void {
    const genderCell = cells.gender ?? null;
    if (!isEmptyCell(genderCell) && who.gender !== null) {
      const typed = cleanGender(genderCell);
      if ('value' in typed && typed.value !== who.gender) issues.warn(row, 'gender', `填写的性别与身份证号码不符，已按号码记为${who.gender === 'M' ? '男' : '女'}。`);
    }
    const birthCell = cells.birthDate ?? null;
    if (!isEmptyCell(birthCell) && who.birthDate !== '') {
      const typed = parseDateCell(birthCell, {});
      if ('value' in typed && typed.value !== who.birthDate) issues.warn(row, 'birthDate', `填写的出生日期 ${typed.value} 与身份证号码不符，已按号码记为 ${who.birthDate}。`);
    }
  }

  /**
   * Claims the person for this row once the row has passed its own checks: the first such row of
   * a number stands for the person, and for a later one this returns that first row. A row
   * rejected for something else claims nothing, so a valid row after it is not called a duplicate
   * of a row that was never imported.
   */
  claim(row: number, identity: RowIdentity): number | null {
    const first = this.seen.get(identity.idNumber);
    if (first !== undefined) return first;
    this.seen.set(identity.idNumber, row);
    return null;
  }
}

export function maskedNumber(identity: { idNumber: string }): string {
  return maskIdNumber(identity.idNumber);
}
