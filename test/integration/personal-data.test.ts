import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, type Backend } from '../../src-main/core/api/dispatch';
import { openLedgerDb, type LedgerDb } from '../../src-main/core/db/open';
import { createFileLog, redact, type AppLog } from '../../src-main/core/log';
import { seedLedger } from '../../src-main/core/seed/seed-ledger';

// Full ID numbers and phones leave the backend only through member.reveal, and never reach the log.
let db: LedgerDb;
let log: AppLog;
let backend: Backend;
let fullNumbers: Set<string>;
const responses: string[] = [];

async function call(method: string, input: unknown) {
  const envelope = await dispatch(backend, method, input);
  responses.push(JSON.stringify(envelope));
  return envelope;
}

/** Every 15–18 character run of digits (and X) in `text` that is a stored ID number or phone. */
function leaked(text: string): string[] {
  return [...text.matchAll(/[0-9X]{11,18}/g)].map((m) => m[0]).filter((token) => fullNumbers.has(token));
}

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-pii-'));
  db = await openLedgerDb(path.join(dir, 'ledger.sqlite'));
  seedLedger(db.sqlite, { scale: 'small', seed: 5, today: '2026-06-01', countyCode: '330106' });
  log = createFileLog(path.join(dir, 'logs'));
  backend = { db, log, now: () => new Date('2026-06-15T02:00:00Z') };
  fullNumbers = new Set(db.sqlite.prepare('SELECT id_number FROM person WHERE id_number IS NOT NULL UNION SELECT phone FROM person WHERE phone IS NOT NULL').pluck().all() as string[]);
});
afterAll(() => db.close());

describe('personal numbers', () => {
  it('redacts ID numbers and phones in any text written to the log', () => {
    expect(redact('member.add failed for 330106199001011234 / 33010619900101123x, phone 13812345678')).toBe(
      'member.add failed for 330106********1234 / 330106********123x, phone 138****5678',
    );
    expect(redact('旧号 330106900101123 与 0571-87654321')).toBe('旧号 330106******123 与 0571-87****21');
    expect(redact('at 2026-06-15T02:00:00.000Z, id 42')).toBe('at 2026-06-15T02:00:00.000Z, id 42');
  });

  it('never appear in list responses, searches by tail, refusals or the log file', async () => {
    const sample = db.sqlite.prepare('SELECT m.id, m.organization_id AS orgId, p.id_number, p.phone, p.name FROM member m JOIN person p ON p.id = m.person_id WHERE p.phone IS NOT NULL LIMIT 1').get() as {
      id: number; orgId: number; id_number: string; phone: string; name: string;
    };
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const envelope = await call('member.list', { limit: 200, ...(after ? { after } : {}) });
      if (!envelope.ok) throw new Error(envelope.error.message);
      after = (envelope.value as { nextCursor: string | null }).nextCursor;
      if (!after) break;
    }
    await call('member.list', { search: sample.id_number.slice(-6) });
    await call('member.list', { search: sample.phone.slice(-4), orgId: sample.orgId });
    await call('member.list', { search: sample.name.slice(0, 2) });
    await call('member.get', { id: sample.id });
    await call('member.history', { id: sample.id });
    // Refusals that quote the number they were given: a duplicate and a wrong check character.
    await call('member.add', { orgId: sample.orgId, name: '重复', idNumber: sample.id_number });
    const wrongCheck = sample.id_number.slice(0, 17) + (sample.id_number.endsWith('0') ? '1' : '0');
    await call('member.add', { orgId: sample.orgId, name: '错号', idNumber: wrongCheck });
    // What a failing handler would write: the sink masks it whatever the caller passed.
    log(`member.add failed: UNIQUE constraint failed for ${sample.id_number} (${sample.phone})`);

    // Every other list of the people rosters, first pages and searches.
    const township = db.sqlite.prepare('SELECT parent_id FROM organization WHERE parent_id IS NOT NULL GROUP BY parent_id ORDER BY count(*) DESC LIMIT 1').pluck().get() as number;
    const volunteer = db.sqlite.prepare('SELECT v.id, p.id_number, p.phone FROM volunteer v JOIN person p ON p.id = v.person_id WHERE p.phone IS NOT NULL LIMIT 1').get() as { id: number; id_number: string; phone: string };
    const group = db.sqlite.prepare('SELECT id FROM group_member WHERE contact_phone IS NOT NULL LIMIT 1').pluck().get() as number;
    for (const [method, input] of [
      ['volunteer.list', { limit: 500 }],
      ['volunteer.list', { search: volunteer.id_number.slice(-6) }],
      ['volunteer.list', { search: volunteer.phone.slice(-4), orgId: township }],
      ['volunteer.get', { id: volunteer.id }],
      ['volunteer.history', { id: volunteer.id }],
      ['team.list', {}],
      ['service.list', { limit: 500 }],
      ['star.overview', {}],
      ['star.register', { limit: 500 }],
      ['group.list', { limit: 500 }],
      ['group.get', { id: group }],
      ['dues.members', { orgId: township, year: 2025, limit: 500 }],
      ['dues.overdue', { limit: 1000 }],
      ['dues.report', { year: 2025 }],
    ] as const) {
      const envelope = await call(method, input);
      expect(envelope.ok, `${method} ${JSON.stringify(envelope)}`.slice(0, 300)).toBe(true);
    }
    const text = responses.join('\n');
    expect(text).toContain(sample.id_number.slice(0, 6) + '********');
    expect(leaked(text)).toEqual([]);
    expect(text).not.toContain(wrongCheck);
    const logText = fs.readFileSync(log.file, 'utf8');
    expect(logText).toContain('member.add failed');
    expect(leaked(logText)).toEqual([]);
  });

  it('come out in full only from an explicit reveal, which the history records', async () => {
    const volunteer = db.sqlite.prepare('SELECT v.id, p.id_number, p.phone FROM volunteer v JOIN person p ON p.id = v.person_id WHERE p.phone IS NOT NULL LIMIT 1').get() as { id: number; id_number: string; phone: string };
    const revealed = await call('volunteer.reveal', { id: volunteer.id });
    expect(revealed).toEqual({ ok: true, value: { idNumber: volunteer.id_number, phone: volunteer.phone } });
    const history = await call('volunteer.history', { id: volunteer.id });
    expect(JSON.stringify(history)).toContain('查看完整号码');
    expect(leaked(JSON.stringify(history))).toEqual([]);
    const group = db.sqlite.prepare('SELECT id, contact_phone FROM group_member WHERE contact_phone IS NOT NULL LIMIT 1').get() as { id: number; contact_phone: string };
    expect(await call('group.reveal', { id: group.id })).toEqual({ ok: true, value: { contactPhone: group.contact_phone } });
    expect(JSON.stringify(await call('group.history', { id: group.id }))).toContain('查看完整号码');
  });
});
