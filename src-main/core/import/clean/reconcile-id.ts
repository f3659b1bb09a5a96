import type { CleanId } from './id-number';

const sexWord = { M: '男', F: '女' } as const;

export interface Reconciled {
  gender: 'M' | 'F';
  birthDate: string;
  /** One line per column that disagreed with the ID number, for the preview. */
  warnings: string[];
}

/**
 * Sex and birth date as the row gives them against those the ID number encodes: the ID number
 * wins, and each disagreement is told to the clerk (the row is still imported).
 */
export function reconcileWithId(id: CleanId, given: { gender?: 'M' | 'F' | null; birthDate?: string | null }): Reconciled {
  const warnings: string[] = [];
  if (given.gender != null && given.gender !== id.gender) {
    warnings.push(`性别填的是“${sexWord[given.gender]}”，但身份证号码显示为${sexWord[id.gender]}，已按身份证号码记为${sexWord[id.gender]}`);
  }
  if (given.birthDate != null && given.birthDate !== id.birthDate) {
    warnings.push(`出生日期填的是 ${given.birthDate}，但身份证号码显示为 ${id.birthDate}，已按身份证号码记录`);
  }
  return { gender: id.gender, birthDate: id.birthDate, warnings };
}
