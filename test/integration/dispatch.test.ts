import { describe, expect, it } from 'vitest';
import { mergeHandlerMaps, query } from '../../src-main/core/api/handler';
import { contract } from '../../src-main/core/api/contract';
import { handlers } from '../../src-main/core/api/handlers/index';
import { createTestLedger } from '../helpers/backend';

describe('dispatch', () => {
  it('refuses unknown methods and prototype keys', async () => {
    const ledger = await createTestLedger();
    expect(await ledger.raw('org.drop', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await ledger.raw('__proto__', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await ledger.raw('toString', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('refuses invalid input with a Chinese message naming the field, before any handler runs', async () => {
    const ledger = await createTestLedger();
    const missing = await ledger.raw('org.add', { type: '社区' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(!missing.ok && missing.error.message).toContain('「名称」');
    expect(await ledger.raw('org.add', { name: 'x', extra: 1 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await ledger.raw('org.get', { id: '1; DROP TABLE organization' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await ledger.raw('org.add', null)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await ledger.call('org.list', {})).toEqual([]);
  });

  it('requires the county to be set up before anything else works', async () => {
    const ledger = await createTestLedger({ setup: false });
    expect(await ledger.raw('org.list', {})).toMatchObject({ ok: false, error: { code: 'SETUP_REQUIRED' } });
    expect(await ledger.call('app.status', {})).toMatchObject({ setupDone: false, county: null });
    expect(await ledger.raw('county.setup', { divisionCode: '999999', name: '某县红十字会' })).toMatchObject({ ok: false, error: { code: 'COUNTY_CODE_UNKNOWN' } });
    await ledger.call('county.setup', { divisionCode: '330106', name: '杭州市西湖区红十字会' });
    expect(await ledger.call('org.list', {})).toEqual([]);
  });

  it('has a handler for every contract method and rejects a method defined twice', () => {
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(contract).sort());
    const a = { 'org.list': query(async () => []) };
    expect(() => mergeHandlerMaps(a, { ...a })).toThrow(/defined twice/);
  });

  it('strips fields the contract does not declare from outputs', async () => {
    const ledger = await createTestLedger();
    const county = { code: '330106', name: '西湖区', city: '杭州市', province: '浙江省' };
    const leaky = { ...handlers, 'county.lookup': query(async () => ({ ...county, secret: '330106199001011234' })) };
    const envelope = await (await import('../../src-main/core/api/dispatch')).dispatch({ ...ledger.backend, handlers: leaky as typeof handlers }, 'county.lookup', { code: '330106' });
    expect(envelope).toEqual({ ok: true, value: county });
  });
});

describe('county', () => {
  it('refuses to change an existing database to another county but allows renaming', async () => {
    const ledger = await createTestLedger();
    expect(await ledger.raw('county.setup', { divisionCode: '330105', name: '杭州市拱墅区红十字会' })).toMatchObject({ ok: false, error: { code: 'COUNTY_MISMATCH' } });
    const renamed = await ledger.call('county.setup', { divisionCode: '330106', name: '杭州市西湖区新红十字会' });
    expect(renamed.name).toBe('杭州市西湖区新红十字会');
  });

  it('lists missing governance facts until they are filled in', async () => {
    const ledger = await createTestLedger();
    expect((await ledger.call('county.get', {})).governanceMissing.length).toBeGreaterThan(0);
    const filled = await ledger.call('county.updateGovernance', {
      mgmtRationalized: true,
      mgmtRationalizedOn: '2020-05-01',
      partyGroupEstablished: false,
      partyGroupEstablishedOn: null,
      supervisoryBoardEstablished: true,
      supervisoryBoardEstablishedOn: '2021-03-01',
      terms: [{ startedOn: '2021-03-01', dueOn: '2026-03-01' }],
    });
    expect(filled.governanceMissing).toEqual([]);
    expect(await ledger.raw('county.updateGovernance', { ...filled.governance, partyGroupEstablishedOn: '2020-01-01' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
