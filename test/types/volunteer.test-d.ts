import { describe, expectTypeOf, it } from 'vitest';
import type { ApiInput, ApiOutput } from '../../src-main/core/api/contract';

// The volunteer area's contract as callers compile against it.
describe('volunteer contract types', () => {
  it('volunteer.list rows carry masked numbers, hours and the awarded star, and no unmasked field', () => {
    type Row = ApiOutput<'volunteer.list'>['rows'][number];
    expectTypeOf<Row['hours']>().toEqualTypeOf<number>();
    expectTypeOf<Row['starLevel']>().toEqualTypeOf<number | null>();
    expectTypeOf<Row['orgId']>().toEqualTypeOf<number | null>();
    expectTypeOf<ApiOutput<'volunteer.list'>['nextCursor']>().toEqualTypeOf<string | null>();
    expectTypeOf<Row>().not.toHaveProperty('birthDate');
  });

  it('service.add takes entries of volunteer and hours; star.award a level and a date', () => {
    expectTypeOf<ApiInput<'service.add'>['entries']>().toEqualTypeOf<Array<{ volunteerId: number; hours: number }>>();
    expectTypeOf<ApiOutput<'service.add'>['entries'][number]['minutes']>().toEqualTypeOf<number>();
    expectTypeOf<ApiInput<'star.award'>>().toHaveProperty('level');
    expectTypeOf<ApiOutput<'star.overview'>['levels'][number]>().toEqualTypeOf<{ level: number; thresholdHours: number; eligible: number; awarded: number }>();
    // @ts-expect-error: entries are required
    const noEntries: ApiInput<'service.add'> = { heldOn: '2026-01-01', teamId: 1, category: '关爱老人' };
    void noEntries;
  });
});
