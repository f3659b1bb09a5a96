import { memberActiveAt, organizationEstablishedAt, volunteerActiveAt } from '../../src-main/core/db/active-at';
import { openLedgerDb } from '../../src-main/core/db/open';
import { medianMs, round, dispatchCaller } from './measure';

/**
 * The 达标检查 matrix for the whole county (2,000 organisations × the 五有 items) through the
 * dispatcher, against a raw baseline that computes the same figures with bare prepared
 * statements in the same run: the established organisations, members and volunteers on the date,
 * the year's activities, and the latest manual check per organisation. A check on every other
 * organisation is recorded first, so the manual column has history to read.
 */
export async function benchChecklist(file: string): Promise<Record<string, number>> {
  const db = await openLedgerDb(file);
  const backend = { db };
  const call = dispatchCaller(backend);
  try {
    const s = db.sqlite;
    const asOf = new Date().toISOString().slice(0, 10);
    const manualItem = s.prepare("SELECT i.id FROM checklist_item i JOIN checklist_template t ON t.id = i.template_id WHERE t.code = '五有' AND i.mode = 'manual' ORDER BY t.id DESC LIMIT 1").pluck().get() as number;
    s.transaction(() => {
      const insert = s.prepare("INSERT INTO checklist_status (organization_id, item_id, status, checked_on, checked_by, recorded_at) VALUES (?, ?, ?, ?, '经办人', ?)");
      for (const id of s.prepare('SELECT id FROM organization WHERE id % 2 = 0').pluck().all() as number[]) {
        insert.run(id, manualItem, 'not_met', `${asOf.slice(0, 4)}-01-15`, new Date().toISOString());
        insert.run(id, manualItem, 'met', `${asOf.slice(0, 4)}-03-15`, new Date().toISOString());
      }
    })();
    const raw = [
      s.prepare(`SELECT o.id, o.type_id, o.leader_name, o.service_site FROM organization o WHERE ${organizationEstablishedAt('o')}`),
      s.prepare(`SELECT m.organization_id, count(*) FROM member m WHERE ${memberActiveAt('m')} GROUP BY m.organization_id`),
      s.prepare(`SELECT v.organization_id, count(*) FROM volunteer v WHERE ${volunteerActiveAt('v')} GROUP BY v.organization_id`),
      s.prepare(`SELECT coalesce(r.organization_id, t.organization_id), count(*) FROM service_record r LEFT JOIN volunteer_team t ON t.id = r.team_id WHERE r.held_on >= :yearStart AND r.held_on <= :asOf GROUP BY 1`),
      s.prepare(`SELECT organization_id, max(checked_on) FROM checklist_status WHERE item_id = :item AND checked_on <= :asOf GROUP BY organization_id`),
    ];
    const params = [{ asOf }, { asOf }, { asOf }, { asOf, yearStart: `${asOf.slice(0, 4)}-01-01` }, { asOf, item: manualItem }];
    const checklistRawMs = await medianMs(5, () => raw.forEach((st, i) => st.all(params[i])));
    const checklistMatrixMs = await medianMs(5, () => call('checklist.matrix', { code: '五有', asOf }));
    const matrix = await call('checklist.matrix', { code: '五有', asOf });
    const township = (s.prepare('SELECT parent_id AS id FROM organization WHERE parent_id IS NOT NULL GROUP BY parent_id ORDER BY count(*) DESC LIMIT 1').get() as { id: number }).id;
    const checklistMatrixTownshipMs = await medianMs(5, () => call('checklist.matrix', { code: '五有', asOf, rootOrgId: township }));
    const checklistCellMs = await medianMs(20, () => call('checklist.cell', { orgId: township, itemId: manualItem, asOf }));
    return {
      checklistOrgs: (matrix.rows as unknown[]).length,
      checklistMeetingAll: (matrix.totals as { meetingAll: number }).meetingAll,
      checklistRawMs,
      checklistMatrixMs,
      checklistRatioToRaw: round(checklistMatrixMs / checklistRawMs, 2),
      checklistMatrixTownshipMs,
      checklistCellMs,
    };
  } finally {
    await db.close();
  }
}
