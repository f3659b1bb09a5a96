import { describe, expectTypeOf, it } from 'vitest';
import type { ApiInput, ApiOutput } from '../../src-main/core/api/contract';

// The dues and group member contract as its callers (renderer, CLI) compile against it.

describe('dues and group member contract types', () => {
  it('the bulk lapse cannot be called without the literal confirmation', () => {
    expectTypeOf<ApiInput<'dues.lapseOverdue'>['confirm']>().toEqualTypeOf<true>();
    // @ts-expect-error: confirm must be the literal true
    const unconfirmed: ApiInput<'dues.lapseOverdue'> = { confirm: false };
    void unconfirmed;
  });

  it('amounts are integer fen and statuses a closed set', () => {
    expectTypeOf<ApiOutput<'dues.record'>['amountFen']>().toEqualTypeOf<number>();
    expectTypeOf<ApiInput<'dues.record'>['status']>().toEqualTypeOf<'paid' | 'unpaid' | 'exempt'>();
    // @ts-expect-error: no such status
    const bad: ApiInput<'dues.record'> = { memberId: 1, year: 2025, status: 'late' };
    void bad;
  });

  it('overdue rows carry the unpaid years; group rows the masked phone', () => {
    expectTypeOf<ApiOutput<'dues.overdue'>['rows'][number]['unpaidYears']>().toEqualTypeOf<number[]>();
    expectTypeOf<ApiOutput<'group.list'>['rows'][number]['contactPhone']>().toEqualTypeOf<string | null>();
    expectTypeOf<ApiOutput<'group.add'>['notices']>().toEqualTypeOf<string[]>();
  });
});
