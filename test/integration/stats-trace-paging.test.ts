import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestLedger, type TestLedger } from '../helpers/backend';
import { buildStatsCounty } from '../fixtures/stats/county';

// A page of a trace reads only that page's rows: on the large seed (583,527 members) reading the
// whole list to count it made each 再加载 take seconds. Counted here by the masking every built
// member record goes through.
const masked = vi.hoisted(() => ({ calls: 0 }));
vi.mock('../../src-main/core/domain/id-number', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src-main/core/domain/id-number')>();
  return {
    ...real,
    maskIdNumber: (id: string) => {
      masked.calls += 1;
      return real.maskIdNumber(id);
    },
  };
});

let ledger: TestLedger;
beforeEach(async () => {
  ledger = await createTestLedger();
  await buildStatsCounty(ledger);
});

describe('stats.trace paging', () => {
  it('builds only the records of the requested page', async () => {
    masked.calls = 0;
    const page = await ledger.call('stats.trace', { year: 2025, item: 10, offset: 3, limit: 1 });
    expect(page.total).toBe(4);
    expect(page.records).toHaveLength(1);
    expect(masked.calls).toBe(1);
    // 附件2: the page at 5 lies in the baseline's list (4 of 2025, then 3 of 2020).
    masked.calls = 0;
    const base = await ledger.call('stats.trace', { year: 2025, item: 10, table: 2, offset: 5, limit: 1 });
    expect(base.records.map((r) => r.side)).toEqual(['baseline']);
    expect(masked.calls).toBe(1);
  });
});
