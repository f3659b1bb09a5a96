import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { residentIdCheckChar } from '../../src-main/core/domain/id-number';
import { createTestLedger, type TestLedger } from '../helpers/backend';

// The test clock is 2026-06-15.
const id18 = (first17: string) => first17 + residentIdCheckChar(first17);
const adultMale = id18('33010619850312001'); // sequence 001: odd → male
const childFemale = id18('33010620150601002'); // 11 years old
const teenMale = id18('33010620100101003'); // 16 years old

let ledger: TestLedger;
let orgId: number;
let schoolId: number;
beforeEach(async () => {
  ledger = await createTestLedger();
  const town = await ledger.call('org.add', { name: '转塘街道红十字会', type: '街道' });
  orgId = (await ledger.call('org.add', { name: '象山社区红十字会', type: '社区', parentId: town.id })).id;
  schoolId = (await ledger.call('org.add', { name: '转塘小学红十字会', type: '中小学', parentId: town.id })).id;
});
afterEach(() => ledger.db.close());

describe('member.add', () => {
  it('derives birth date, gender and kind from the ID number and masks numbers in the result', async () => {
    const m = await ledger.call('member.add', { orgId, name: '王　芳', idNumber: adultMale.toLowerCase().replace(/^3/, '３'), phone: '+86 138-1234-5678', joinedOn: '2020-05-01' });
    expect(m).toMatchObject({ name: '王芳', kind: 'adult', gender: 'M', birthDate: '1985-03-12', phone: '138****5678', orgName: '象山社区红十字会', status: 'active', alreadyExisted: false });
    expect(m.idNumber).toBe(`${adultMale.slice(0, 6)}********${adultMale.slice(-4)}`);
    expect(JSON.stringify(m)).not.toContain(adultMale);
  });

  it('upgrades a 15-digit number and says so; a contradicting birth date is overruled and reported', async () => {
    const m = await ledger.call('member.add', { orgId, name: '李明', idNumber: '330106800101123', birthDate: '1980-02-02' });
    expect(m.birthDate).toBe('1980-01-01');
    expect(m.notices.join()).toContain('已升级为 18 位');
    expect(m.notices.join()).toContain('已按证件号码记为 1980-01-01');
  });

  it('refuses a wrong check character with the reason and writes nothing', async () => {
    const wrong = adultMale.slice(0, 17) + (adultMale.endsWith('1') ? '2' : '1');
    const result = await ledger.raw('member.add', { orgId, name: '张三', idNumber: wrong });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(!result.ok && result.error.message).toContain('证件号码');
    expect(ledger.db.sqlite.prepare('SELECT count(*) AS n FROM person').get()).toEqual({ n: 0 });
  });

  it('never creates a second person for a known ID number', async () => {
    const first = await ledger.call('member.add', { orgId, name: '王芳', idNumber: adultMale });
    const again = await ledger.call('member.add', { orgId: schoolId, name: '王 芳', idNumber: ` ${adultMale} ` });
    expect(again).toMatchObject({ id: first.id, alreadyExisted: true, orgId });
    expect(ledger.db.sqlite.prepare('SELECT count(*) AS n FROM person').get()).toEqual({ n: 1 });
  });

  it('requires a guardian and consent under 14, and derives youth membership', async () => {
    const refused = await ledger.raw('member.add', { orgId: schoolId, name: '小红', idNumber: childFemale });
    expect(!refused.ok && refused.error.message).toContain('监护人姓名');
    const child = await ledger.call('member.add', {
      orgId: schoolId,
      name: '小红',
      idNumber: childFemale,
      guardianName: '李梅',
      guardianRelation: '母亲',
      guardianPhone: '13900001111',
      guardianConsentOn: '2026-06-01',
      guardianConsentMethod: '书面',
    });
    expect(child).toMatchObject({ kind: 'youth', gender: 'F', guardianPhone: '139****1111' });
    expect(await ledger.raw('member.add', { orgId: schoolId, name: '小刚', idNumber: teenMale, kind: 'adult' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await ledger.call('member.add', { orgId: schoolId, name: '小刚', idNumber: teenMale })).toMatchObject({ kind: 'youth' });
  });

  it('flags a youth member who has turned 18 and converts them only then', async () => {
    const turning = id18('33010620080601004'); // 18 on 2026-06-01, before the test clock
    const young = await ledger.call('member.add', { orgId: schoolId, name: '小刚', idNumber: teenMale });
    expect(await ledger.raw('member.convertToAdult', { id: young.id })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    // Joined as a youth member while 17 (reference date a year back), now 18.
    await ledger.call('settings.update', { youthReferenceDate: '2025-06-15' });
    const teen = await ledger.call('member.add', { orgId: schoolId, name: '赵敏', idNumber: turning, joinedOn: '2025-03-01' });
    expect(teen.kind).toBe('youth');
    await ledger.call('settings.update', { youthReferenceDate: null });
    expect(await ledger.call('member.get', { id: teen.id })).toMatchObject({ kind: 'youth', dueForAdultConversion: true });
    const adult = await ledger.call('member.convertToAdult', { id: teen.id });
    expect(adult).toMatchObject({ kind: 'adult', dueForAdultConversion: false });
    expect((await ledger.call('member.history', { id: teen.id })).map((e) => e.actionLabel)).toContain('转为成人会员');
    expect(await ledger.raw('member.convertToAdult', { id: teen.id })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
  });

  it('refuses future join dates and retired organisations', async () => {
    expect(await ledger.raw('member.add', { orgId, name: '王芳', idNumber: adultMale, joinedOn: '2026-07-01' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    await ledger.call('org.retire', { id: orgId });
    expect(await ledger.raw('member.add', { orgId, name: '王芳', idNumber: adultMale })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
  });

  it('accepts other documents without GB 11643 checks but needs a birth date', async () => {
    expect(await ledger.raw('member.add', { orgId, name: 'John Smith', idType: 'passport', idNumber: 'E12345678' })).toMatchObject({ ok: false });
    const m = await ledger.call('member.add', { orgId, name: 'John Smith', idType: 'passport', idNumber: 'e1234 5678', birthDate: '1990-01-01', gender: 'M' });
    expect(m).toMatchObject({ idType: 'passport', gender: 'M', kind: 'adult' });
  });
});

describe('member life cycle', () => {
  it('reveals the full number on request, records the viewing without the value, and keeps history', async () => {
    const m = await ledger.call('member.add', { orgId, name: '王芳', idNumber: adultMale, phone: '13812345678' });
    expect(await ledger.call('member.reveal', { id: m.id })).toEqual({ idNumber: adultMale, phone: '13812345678', guardianPhone: null });
    await ledger.call('member.transfer', { id: m.id, orgId: schoolId });
    await ledger.call('member.lapse', { id: m.id, reason: '本人申请' });
    expect(await ledger.raw('member.transfer', { id: m.id, orgId })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    await ledger.call('member.restore', { id: m.id });
    const history = await ledger.call('member.history', { id: m.id });
    expect(history.map((h) => h.action)).toEqual(expect.arrayContaining(['create', 'reveal', 'transfer', 'lapse', 'restore']));
    expect(history.find((h) => h.field === 'org' && h.action === 'transfer')).toMatchObject({ oldValue: '象山社区红十字会', newValue: '转塘小学红十字会' });
    const logged = ledger.db.sqlite.prepare('SELECT group_concat(ifnull(old_value, \'\') || ifnull(new_value, \'\')) AS v FROM change_log').get() as { v: string };
    expect(logged.v).not.toContain(adultMale);
    expect(logged.v).not.toContain('13812345678');
  });
});
