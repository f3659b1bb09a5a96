// 视为自动退会: a member who has not paid dues for two consecutive completed years after the
// year of joining is flagged; the clerk then lapses the flagged members in one confirmed action.
// This pure function is the rule as written; db/dues-overdue.ts is the same rule in one SQL pass
// for a whole county, and a test holds the two to the same answers.

export type DuesStatus = 'paid' | 'unpaid' | 'exempt';

export interface DuesRuleInput {
  /** 'YYYY-MM-DD'. The join year itself is never judged. */
  joinedOn: string;
  /** Recorded dues by year; a year without an entry counts as unpaid. */
  dues: ReadonlyMap<number, DuesStatus>;
  /** The day of judgement ('YYYY-MM-DD'): a year is completed once this day is past its end. */
  asOf: string;
  /** Years before this one are not judged: the ledger began recording dues then (null = no bound). */
  firstYear: number | null;
}

/** The last year whose end is before `asOf`. */
export function lastCompletedYear(asOf: string): number {
  return Number(asOf.slice(0, 4)) - 1;
}

/** The completed years that are judged for this member, oldest first (may be empty). */
export function judgedYears(joinedOn: string, asOf: string, firstYear: number | null): number[] {
  const from = Math.max(Number(joinedOn.slice(0, 4)) + 1, firstYear ?? -Infinity);
  const years: number[] = [];
  for (let y = from; y <= lastCompletedYear(asOf); y++) years.push(y);
  return years;
}

/** Judged years with no payment: unpaid or unrecorded (exempt counts as settled). */
export function unpaidYears(input: DuesRuleInput): number[] {
  return judgedYears(input.joinedOn, input.asOf, input.firstYear).filter((y) => {
    const status = input.dues.get(y);
    return status === undefined || status === 'unpaid';
  });
}

/** True when two consecutive judged years are unpaid. */
export function isFlaggedForLapse(input: DuesRuleInput): boolean {
  const years = unpaidYears(input);
  return years.some((y, i) => years[i + 1] === y + 1);
}
