import ExcelJS from 'exceljs';
import type { LedgerDb } from '../../src-main/core/db/open';

/** The floor: the same rows in the same order from one `.iterate()`, each row added and committed. */
export async function exportRaw(ledger: LedgerDb, out: string): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet('个人会员');
  sheet.addRow(['姓名', '性别', '身份证号码', '证件类型', '出生日期', '手机号码', '所属基层组织', '入会时间', '会员类型', '监护人姓名', '监护人电话', '与本人关系', '监护人同意日期', '同意方式', '退会日期', '退会原因', '备注']).commit();
  const stmt = ledger.sqlite.prepare(`
    SELECT p.name, p.gender, p.id_number, p.id_type, p.birth_date, p.phone, o.name AS org, m.joined_on, m.kind, p.guardian_name, p.guardian_phone, p.guardian_relation, p.guardian_consent_on, p.guardian_consent_method, m.lapsed_on, m.lapse_reason, m.notes
    FROM member m INDEXED BY member_sorted JOIN person p ON p.id = m.person_id JOIN organization o ON o.id = m.organization_id
    ORDER BY m.name_sort_key, m.person_id`);
  const day = (d: string | null | undefined) => (d ? new Date(`${d}T00:00:00Z`) : null);
  let rows = 0;
  for (const r of stmt.iterate() as Iterable<Record<string, string | null>>) {
    sheet.addRow([r.name, r.gender, r.id_number, r.id_type === 'resident_id' ? null : r.id_type, day(r.birth_date), r.phone, r.org, day(r.joined_on), r.kind, r.guardian_name, r.guardian_phone, r.guardian_relation, day(r.guardian_consent_on), r.guardian_consent_method, day(r.lapsed_on), r.lapse_reason, r.notes]).commit();
    rows++;
  }
  sheet.commit();
  await workbook.commit();
  return rows;
}
