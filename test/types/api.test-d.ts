import { describe, expectTypeOf, it } from 'vitest';
import type { Api, ApiInput, ApiOutput, Envelope, MethodName, ParsedInput } from '../../src-main/core/api/contract';

// The renderer, the CLI and the web host compile against these types: a change to the contract
// that would break a caller must break the build, not a clerk's afternoon.

describe('contract types', () => {
  it('org.list returns organisations with numeric ids and a nullable parent', () => {
    expectTypeOf<ApiOutput<'org.list'>>().toBeArray();
    type Item = ApiOutput<'org.list'>[number];
    expectTypeOf<Item['id']>().toEqualTypeOf<number>();
    expectTypeOf<Item['parentId']>().toEqualTypeOf<number | null>();
    expectTypeOf<Item['name']>().toEqualTypeOf<string>();
    expectTypeOf<Item['status']>().toEqualTypeOf<'preparing' | 'active' | 'retired'>();
    expectTypeOf<Item>().not.toHaveProperty('leaderPhone');
    expectTypeOf<Api['org.list']['output']>().toEqualTypeOf<ApiOutput<'org.list'>>();
  });

  it('org.get returns the full record with the breadcrumb path', () => {
    type Org = ApiOutput<'org.get'>;
    expectTypeOf<Org['leaderPhone']>().toEqualTypeOf<string | null>();
    expectTypeOf<Org['redCrossNamed']>().toEqualTypeOf<boolean>();
    expectTypeOf<Org['path']>().toEqualTypeOf<Array<{ id: number; name: string }>>();
    expectTypeOf<ApiOutput<'org.add'>>().toEqualTypeOf<Org>();
  });

  it('method names are exactly the contract keys', () => {
    expectTypeOf<'org.list'>().toExtend<MethodName>();
    expectTypeOf<'county.setup'>().toExtend<MethodName>();
    expectTypeOf<'org.drop'>().not.toExtend<MethodName>();
    expectTypeOf<string>().not.toExtend<MethodName>();
    expectTypeOf<keyof Api>().toEqualTypeOf<MethodName>();
    // @ts-expect-error: not a method of the contract
    const unknown: MethodName = 'org.drop';
    void unknown;
    // @ts-expect-error: ApiOutput only takes method names
    type _Bad = ApiOutput<'org.delete'>;
  });

  it('org.add needs a name and lets every other field default', () => {
    expectTypeOf<{ name: string }>().toExtend<ApiInput<'org.add'>>();
    expectTypeOf<{ name: string; type: string; parentId: number }>().toExtend<ApiInput<'org.add'>>();
    expectTypeOf<{ type: string }>().not.toExtend<ApiInput<'org.add'>>();
    expectTypeOf<ApiInput<'org.add'>['parentId']>().toEqualTypeOf<number | null | undefined>();
    // After parsing, the defaults are filled in.
    expectTypeOf<ParsedInput<'org.add'>['parentId']>().toEqualTypeOf<number | null>();
    expectTypeOf<ParsedInput<'org.add'>['status']>().toEqualTypeOf<'preparing' | 'active'>();

    // @ts-expect-error: the name is text
    const numeric: ApiInput<'org.add'> = { name: 1 };
    void numeric;
    // @ts-expect-error: a new organisation cannot be added as retired
    const retired: ApiInput<'org.add'> = { name: '转塘街道红十字会', status: 'retired' };
    void retired;
    // @ts-expect-error: unknown fields are refused
    const extra: ApiInput<'org.add'> = { name: '转塘街道红十字会', colour: 'red' };
    void extra;
  });

  it('org.update takes an id and a partial set of changes', () => {
    expectTypeOf<{ id: number; changes: { name: string } }>().toExtend<ApiInput<'org.update'>>();
    expectTypeOf<{ id: number; changes: Record<string, never> }>().toExtend<ApiInput<'org.update'>>();
    expectTypeOf<{ changes: { name: string } }>().not.toExtend<ApiInput<'org.update'>>();
    // @ts-expect-error: the id is a number, not a string
    const stringId: ApiInput<'org.update'> = { id: '1', changes: {} };
    void stringId;
  });

  it('the envelope is narrowed by ok', () => {
    const envelope = {} as Envelope<ApiOutput<'org.list'>>;
    if (envelope.ok) expectTypeOf(envelope.value).toEqualTypeOf<ApiOutput<'org.list'>>();
    else expectTypeOf(envelope.error).toEqualTypeOf<{ code: string; message: string }>();
  });
});
