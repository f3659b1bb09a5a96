import { describe, expect, it } from 'vitest';
import { idRuns } from '../../src-main/core/import/commit/context';

describe('idRuns (an import records the records it created as runs of ids)', () => {
  it('sorts numerically, merges consecutive and repeated ids, and keeps gaps apart', () => {
    expect(idRuns([12, 3, 5, 4, 10, 10, 11, 100, 99, 9])).toEqual([
      [3, 5],
      [9, 12],
      [99, 100],
    ]);
    expect(idRuns([])).toEqual([]);
    expect(idRuns([7])).toEqual([[7, 7]]);
  });
});
