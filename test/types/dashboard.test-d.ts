import { expectTypeOf, test } from 'vitest';
import type { Api, ApiInput, ApiOutput } from '../../src-main/core/api/contract';

test('dashboard methods are typed from the contract', () => {
  expectTypeOf<ApiOutput<'dashboard.get'>['targets'][number]['met']>().toEqualTypeOf<boolean>();
  expectTypeOf<ApiOutput<'dashboard.get'>['targets'][number]['value']>().toEqualTypeOf<number | null>();
  expectTypeOf<ApiInput<'dashboard.records'>['part']>().toEqualTypeOf<'numerator' | 'denominator' | 'lagging'>();
  expectTypeOf<Api['dashboard.settings.update']['input']>().toHaveProperty('residentPopulation');
  // @ts-expect-error an unknown target key does not compile
  const bad: ApiInput<'dashboard.target.update'> = { key: 'teams_per_village', threshold: 1 };
  void bad;
});
