import { describe, expect, it } from 'vitest';
import type { OrgFact } from '../../src-main/core/db/dashboard-facts';
import { townshipsOf } from '../../src-main/core/dashboard/townships';

const org = (id: number, parentId: number | null, typeName: string | null): OrgFact => ({
  id, name: `组织${id}`, parentId, typeId: null, typeName, isCommunity: false, established: true, teams: 0,
});

describe('townshipsOf', () => {
  it('places each organisation under its top-level 乡镇 or 街道, and the rest under 县直及其他', () => {
    const orgs = [org(1, null, '乡镇'), org(2, 1, '村'), org(3, 2, '中小学'), org(4, null, '街道'), org(5, 4, '社区'), org(6, null, '医疗卫生机构'), org(7, 6, '医疗卫生机构')];
    const t = townshipsOf(orgs);
    expect([...t.entries()].map(([id, s]) => [id, s.id, s.name])).toEqual([
      [1, 1, '组织1'],
      [2, 1, '组织1'],
      [3, 1, '组织1'],
      [4, 4, '组织4'],
      [5, 4, '组织4'],
      [6, null, '县直及其他'],
      [7, null, '县直及其他'],
    ]);
  });

  it('stops on a damaged parent chain instead of looping', () => {
    const t = townshipsOf([org(1, 2, '社区'), org(2, 1, '社区')]);
    expect(t.get(1)).toEqual({ id: null, name: '县直及其他' });
  });
});
