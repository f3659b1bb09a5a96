import { residentIdCheckChar } from '../../src-main/core/domain/id-number';
import { usccCheckChar } from '../../src-main/core/domain/uscc';
import type { ApiOutput } from '../../src-main/core/api/contract';
import type { TestLedger } from './backend';

// A small ledger with one record of each kind whose free text looks like formulas, shared by
// the export tests (exceljs read-back and LibreOffice).

export const id18 = (first17: string) => first17 + residentIdCheckChar(first17);
export const people = {
  wangFang: { name: '王芳', idNumber: id18('33010619850312002'), phone: '13812345678', notes: '=1+1' },
  liMing: { name: '李明', idNumber: id18('33010619900101003'), phone: '13900001111', notes: '@SUM(A1)' },
  zhaoLei: { name: '赵磊', idNumber: id18('33010619751120005'), phone: '13700002222', notes: '-3' },
  xiaoHong: { name: '刘小红', idNumber: id18('33010620150601002'), phone: null, notes: '+86' },
};
export const usccHuawei = '91440300192203821' + usccCheckChar('91440300192203821');
export const formulaOrgName = '=1+1社区红十字会';

export interface ExportFixture {
  townId: number;
  orgId: number;
  teamId: number;
}

export async function seedExportLedger(ledger: TestLedger): Promise<ExportFixture> {
  const townId = (await ledger.call('org.add', { name: '转塘街道红十字会', type: '街道', leaderName: '陈刚', leaderPhone: '13600003333', foundedOn: '2015-06-01' })).id;
  const orgId = (await ledger.call('org.add', { name: formulaOrgName, type: '社区', parentId: townId })).id;
  for (const p of [people.wangFang, people.liMing, people.zhaoLei]) {
    await ledger.call('member.add', { orgId, name: p.name, idNumber: p.idNumber, phone: p.phone, joinedOn: '2020-03-01', notes: p.notes });
  }
  await ledger.call('member.add', {
    orgId,
    name: people.xiaoHong.name,
    idNumber: people.xiaoHong.idNumber,
    joinedOn: '2024-09-01',
    notes: people.xiaoHong.notes,
    guardianName: '刘强',
    guardianRelation: '父亲',
    guardianPhone: '13500004444',
    guardianConsentOn: '2024-09-01',
    guardianConsentMethod: '书面',
  });
  const teamId = (await ledger.call('team.add', { name: '象山社区红十字志愿服务队', orgId, field: '应急救护', foundedOn: '2019-01-01', notes: '=HYPERLINK("x")' })).id;
  const volunteer = await ledger.call('volunteer.add', {
    name: people.zhaoLei.name,
    idNumber: people.zhaoLei.idNumber,
    phone: people.zhaoLei.phone,
    orgId,
    registeredOn: '2021-05-04',
    fields: ['应急救护', '无偿献血'],
    teamIds: [teamId],
    certNo: 'JH2021001',
    certExpiresOn: '2027-06-30',
    notes: '@队长',
  });
  await ledger.call('service.add', { heldOn: '2026-05-08', teamId, category: '关爱老人', title: '=世界红十字日义诊', place: '象山社区', entries: [{ volunteerId: volunteer.id, hours: 2.5 }] });
  await ledger.call('group.add', { unitName: '华为技术有限公司', uscc: usccHuawei, orgId, contactName: '王芳', contactPhone: '13812345678', joinedOn: '2020-01-01', notes: '+工会' });
  return { townId, orgId, teamId };
}

export type RosterExport = ApiOutput<'export.roster'>;

/** Reads a produced file back through file.read, as any transport would. */
export async function download(ledger: TestLedger, token: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const chunk = await ledger.call('file.read', { token, offset });
    parts.push(Buffer.from(chunk.dataBase64, 'base64'));
    offset = chunk.offset;
    if (chunk.done) return Buffer.concat(parts);
  }
}
