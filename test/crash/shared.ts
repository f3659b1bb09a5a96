// Shared by the crash test's parent (run-crash-test.ts) and child (writer.ts).

/** The two top-level organisations the writer adds under and moves between. */
export const parentNames = ['转塘街道红十字会', '西溪街道红十字会'] as const;

export type ActionKind = 'add' | 'update' | 'move';

/** Small deterministic PRNG (mulberry32), so a failing round can be replayed from its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
