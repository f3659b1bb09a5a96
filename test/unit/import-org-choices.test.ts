import { describe, expect, it } from 'vitest';
import { countPending, sameChoices, toOrgChoices, type DraftChoice } from '../../src-renderer/src/features/import/org-choices';

describe('organisation choices in the import preview', () => {
  const drafts: Record<string, DraftChoice> = {
    城南红会: { action: 'map', orgId: 3 },
    东山村: { action: 'map', orgId: null },
    新建小学: { action: 'create', parentId: null },
    西湖医院: { action: 'create', parentId: 1 },
    不明单位: { action: 'reject' },
    城北社区: { action: 'default' },
  };

  it('sends only complete answers: a name left on 默认 or without its organisation follows the setup', () => {
    expect(toOrgChoices(drafts)).toEqual({
      城南红会: { action: 'map', orgId: 3 },
      新建小学: { action: 'create', parentId: null },
      西湖医院: { action: 'create', parentId: 1 },
      不明单位: { action: 'reject' },
    });
  });

  it('counts the names still waiting for an organisation, which hold back the re-preview', () => {
    expect(countPending(drafts)).toBe(1);
    expect(countPending({})).toBe(0);
  });

  it('sees a change of choices but not a change of key order', () => {
    const a = toOrgChoices(drafts);
    const reordered = Object.fromEntries(Object.entries(a).reverse());
    expect(sameChoices(a, reordered)).toBe(true);
    expect(sameChoices(a, { ...a, 城南红会: { action: 'map', orgId: 2 } })).toBe(false);
    expect(sameChoices(a, { ...a, 城北社区: { action: 'reject' } })).toBe(false);
    expect(sameChoices({}, {})).toBe(true);
  });
});
