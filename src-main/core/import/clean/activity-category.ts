// 活动类别 as townships write it: the list's own names (activity_category rows seeded in
// db/migrations/0020-reference-data.ts), or a short or padded form of one ("急救日", "关爱老人活动").
// A text that fits no item, or more than one, is left for the clerk rather than guessed.

export interface ActivityCategory {
  id: number;
  name: string;
}

export type CategoryMatch = { category: ActivityCategory } | { unknown: string; candidates: ActivityCategory[] };

const squeeze = (text: string) => text.normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '').replace(/其它/gu, '其他');

export function matchActivityCategory(text: string, categories: readonly ActivityCategory[]): CategoryMatch {
  const written = squeeze(text);
  const exact = categories.find((c) => squeeze(c.name) === written);
  if (exact) return { category: exact };
  // 其他 would contain-match any "其他…" text and is never what a specific text means, so it only
  // matches exactly (above).
  const fits = written.length < 2 ? [] : categories.filter((c) => c.name !== '其他' && (squeeze(c.name).includes(written) || written.includes(squeeze(c.name))));
  if (fits.length === 1) return { category: fits[0] as ActivityCategory };
  return { unknown: text.trim(), candidates: fits };
}
