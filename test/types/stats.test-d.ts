import { describe, expectTypeOf, it } from 'vitest';
import type { ApiInput, ApiOutput } from '../../src-main/core/api/contract';

// The annual-table contract as the renderer and the CLI compile against it.

describe('stats contract types', () => {
  it('a trace names table 1 or 2 and an item; a reopen needs a reason', () => {
    expectTypeOf<ApiInput<'stats.trace'>['table']>().toEqualTypeOf<1 | 2 | undefined>();
    // @ts-expect-error: there is no table 3
    const bad: ApiInput<'stats.trace'> = { year: 2025, item: 10, table: 3 };
    void bad;
    // @ts-expect-error: reopening without a reason does not compile
    const noReason: ApiInput<'stats.reopen'> = { year: 2025 };
    void noReason;
  });

  it('tables carry both lists of items and the finalised state', () => {
    expectTypeOf<ApiOutput<'stats.tables'>['table1'][number]>().toEqualTypeOf<{ item: number; name: string; unit: string; value: number }>();
    expectTypeOf<ApiOutput<'stats.tables'>['provisional']>().toEqualTypeOf<boolean>();
    expectTypeOf<NonNullable<ApiOutput<'stats.tables'>['finalised']>['liveDiffers']>().toEqualTypeOf<boolean>();
  });
});
