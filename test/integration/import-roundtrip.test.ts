import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportKind } from '../../src-main/core/api/contract';
import { importKinds } from '../../src-main/core/domain/sheet-fields';
import { usccCheckChar } from '../../src-main/core/domain/uscc';
import { createTestLedger, type TestLedger } from '../helpers/backend';
import { download, id18, people, seedExportLedger } from '../helpers/export-fixture';
import { preview, upload } from '../helpers/import';

// Issue 5: a roster export is plain data that re-imports cleanly. Every kind is exported through
// the API (export.roster, fetched with file.read) and uploaded back into the same ledger; the
// preview must find every row unchanged — nothing new, nothing to update, nothing rejected.

const teaUscc = '91330106143256781' + usccCheckChar('91330106143256781');

let dir: string;
let ledger: TestLedger;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-roundtrip-'));
  ledger = await createTestLedger({ file: path.join(dir, 'ledger.sqlite'), now: '2026-06-15T02:00:00Z' });
  const { townId, teamId } = await seedExportLedger(ledger);
  await addMore(townId, teamId);
});

/** Beyond the export fixture: a second township whose community has the same name as one in the
 *  first, a lapsed member, a youth member old enough to need no guardian, rare characters, a
 *  volunteer in two teams and without a phone, hours for several volunteers. */
async function addMore(townId: number, teamId: number): Promise<void> {
  const liuxia = (await ledger.call('org.add', { name: '留下街道红十字会', type: '街道' })).id;
  const twinA = (await ledger.call('org.add', { name: '和睦社区红十字会', type: '社区', parentId: townId })).id;
  const twinB = (await ledger.call('org.add', { name: '和睦社区红十字会', type: '社区', parentId: liuxia })).id;
  const school = (await ledger.call('org.add', { name: '留下小学红十字会', type: '中小学', parentId: liuxia, divisionCode: '330106005001', foundedOn: '2010-09-01' })).id;
  await ledger.call('member.add', { orgId: twinA, name: '𠮷田·阿依古丽', idNumber: id18('33010619800202001'), phone: '0571-88886666', joinedOn: '2018-07-01' });
  const lapsed = await ledger.call('member.add', { orgId: twinB, name: '欧阳䶮', idNumber: id18('33010619660606002'), joinedOn: '2010-01-01' });
  await ledger.call('member.lapse', { id: lapsed.id, lapsedOn: '2024-12-31', reason: '逾期未缴会费' });
  await ledger.call('member.add', { orgId: school, name: '张𬘡', idNumber: id18('33010620100315003'), joinedOn: '2025-09-01', guardianName: '张伟', guardianPhone: '13900009999' });
  const team2 = (await ledger.call('team.add', { name: '留下街道应急救援队', orgId: liuxia, field: '应急救援', foundedOn: '2020-05-12' })).id;
  const v1 = await ledger.call('volunteer.add', { name: '王芳', idNumber: people.wangFang.idNumber, phone: people.wangFang.phone, orgId: twinB, registeredOn: '2022-01-01', fields: ['应急救援'], teamIds: [teamId, team2] });
  const v2 = await ledger.call('volunteer.add', { name: '陈𪚥', idNumber: id18('33010619950505004'), orgId: school, registeredOn: '2023-03-03', fields: [], teamIds: [] });
  // A team led by a volunteer of another organisation (its school).
  await ledger.call('team.add', { name: '留下街道青年志愿服务队', orgId: liuxia, foundedOn: '2023-04-01', leaderVolunteerId: v2.id });
  await ledger.call('service.add', { heldOn: '2026-05-20', teamId: team2, category: '关爱生命安全', title: '防汛演练', place: '留下街道', entries: [{ volunteerId: v1.id, hours: 4 }, { volunteerId: v2.id, hours: 1.5 }] });
  await ledger.call('group.add', { unitName: '杭州留下茶叶有限公司', uscc: teaUscc, orgId: twinB, joinedOn: '2021-04-01' });
  // A second session of the same drill (same date, name and team) with another volunteer; a
  // volunteer with no hours yet.
  const v3 = await ledger.call('volunteer.add', { name: '李四', idNumber: id18('33010619900101007'), orgId: school, registeredOn: '2023-03-03', fields: [], teamIds: [team2] });
  await ledger.call('volunteer.add', { name: '赵五', idNumber: id18('33010619900101008'), orgId: school, registeredOn: '2024-03-03', fields: [], teamIds: [] });
  await ledger.call('service.add', { heldOn: '2026-05-20', teamId: team2, category: '关爱生命安全', title: '防汛演练', place: '留下街道', entries: [{ volunteerId: v3.id, hours: 2 }] });
  // A member and a volunteer on a passport (entered by hand), the volunteer with hours.
  await ledger.call('member.add', { orgId: school, name: '约翰·史密斯', idType: 'passport', idNumber: 'E12345678', gender: 'M', birthDate: '1980-05-05', joinedOn: '2021-01-01' });
  const foreigner = await ledger.call('volunteer.add', { name: '玛丽', idType: 'passport', idNumber: 'PA9876543', gender: 'F', birthDate: '1990-06-06', orgId: school, registeredOn: '2022-02-02', fields: [], teamIds: [] });
  await ledger.call('service.add', { heldOn: '2026-05-21', teamId: team2, category: '关爱生命安全', title: '英语角', entries: [{ volunteerId: foreigner.id, hours: 1 }] });
  // A youth member who has turned 18 and is not yet converted, and members of a retired organisation.
  const grown = await ledger.call('member.add', { orgId: school, name: '钱成', idNumber: id18('33010620080101009'), joinedOn: '2020-09-01', guardianName: '钱父', guardianPhone: '13900001111' });
  ledger.db.sqlite.prepare("UPDATE member SET kind = 'youth' WHERE id = ?").run(grown.id);
  const merged = (await ledger.call('org.add', { name: '留下二小红十字会', type: '中小学', parentId: liuxia })).id;
  const sun = await ledger.call('member.add', { orgId: merged, name: '孙六', idNumber: id18('33010619700101010'), joinedOn: '2015-01-01' });
  // Notes with what XML cannot carry as it is: CR, a control character, text that looks like an escape.
  await ledger.call('member.update', { id: sun.id, changes: { notes: '迁入\r\n自外地\u0001\u007f _x0041_' } });
  await ledger.call('member.add', { orgId: school, name: '周七', idNumber: id18('33010619700101011'), joinedOn: '2015-01-01', notes: "'=已加引号" });
  await ledger.call('org.retire', { id: merged, retiredOn: '2026-01-01', reason: '撤并' });
}

afterAll(async () => {
  await ledger.db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function roundTrip(kind: ExportKind, fullId: boolean, format: 'xlsx' | 'csv' = 'xlsx') {
  const exported = await ledger.call('export.roster', { kind, fullId, format });
  const bytes = await download(ledger, exported.token);
  const uploadId = await upload(ledger, exported.fileName, bytes);
  const { preview: p } = await preview(ledger, uploadId, { kind });
  return { exported, p };
}

describe('export → import round trip', () => {
  it('places existing people in their own one of two same-named organisations, and asks about new ones', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('会员');
    sheet.addRow(['姓名', '身份证号码', '所属基层组织', '入会时间']);
    sheet.addRow(['欧阳䶮', id18('33010619660606002'), '和睦社区红十字会', '2010-01-01']);
    sheet.addRow(['周新', id18('33010619880808006'), '和睦社区红十字会', '2026-01-01']);
    const uploadId = await upload(ledger, '和睦社区.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    const { preview: p } = await preview(ledger, uploadId, { kind: 'members' });
    expect(p.counts).toMatchObject({ inserted: 0, updated: 0, unchanged: 1, rejected: 1 });
    expect(p.rejected).toEqual([
      { row: 3, field: '所属基层组织', reason: '台账中有 2 个名为“和睦社区红十字会”的基层组织（分别属于转塘街道红十字会、留下街道红十字会），无法确定是哪一个。请在预览中把它对应到其中一个，或选定乡镇（街道）范围后再导入。' },
    ]);
    expect(p.unmatchedOrgs).toEqual([expect.objectContaining({ name: '和睦社区红十字会', rows: 1, firstRow: 3 })]);
  });

  // The CSV export guards formula-looking values (=1+1, -3, @SUM(A1), +86, '=x) with an apostrophe
  // that the import takes off again.
  for (const kind of ['orgs', 'members', 'teams'] as const) {
    it(`${kind} as CSV re-imports as all unchanged`, async () => {
      const { exported, p } = await roundTrip(kind, true, 'csv');
      expect(p.rejected).toEqual([]);
      expect(p.warnings).toEqual([]);
      expect(p.counts).toEqual({ inserted: 0, updated: 0, unchanged: exported.rows, rejected: 0, warnings: 0 });
    });
  }

  for (const kind of importKinds) {
    for (const fullId of [true, false]) {
      it(`${kind}${fullId ? ' with full ID numbers' : ' masked'} re-imports as all unchanged`, async () => {
        const { exported, p } = await roundTrip(kind, fullId);
        expect(exported.rows).toBeGreaterThan(0);
        expect(p.rejected).toEqual([]);
        expect(p.warnings).toEqual([]);
        expect(p.counts).toEqual({ inserted: 0, updated: 0, unchanged: exported.rows, rejected: 0, warnings: 0 });
      });
    }
  }
});
