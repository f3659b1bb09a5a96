import { fail } from '../errors';
import type { IdType } from '../db/schema';
import { checkResidentId, maskIdNumber, normalizeIdNumber } from './id-number';
import { normalizePhone } from './phone';
import { normalizePersonName } from './text';

// Who a person is, from the document number a clerk typed: shared by every roster that adds
// people (members, volunteers), so that one number always resolves to one person the same way.

export interface IdentityInput {
  idType: Exclude<IdType, 'none'>;
  idNumber: string;
  birthDate?: string | undefined;
  gender?: 'M' | 'F' | undefined;
}

export interface Identity {
  idType: Exclude<IdType, 'none'>;
  idNumber: string;
  birthDate: string;
  gender: 'M' | 'F' | null;
  notices: string[];
}

/** A passport, travel permit or permanent residence card number, as the member form and the import take it. */
export const otherDocumentNumber = /^[A-Z0-9]{5,20}$/;

/** Checks the document number; for the 居民身份证 the number decides birth date and gender. */
export function resolveIdentity(input: IdentityInput, today: string): Identity {
  if (input.idType === 'resident_id' || input.idType === 'hmt_residence_permit') {
    const check = checkResidentId(input.idNumber, { today });
    if (!check.ok) fail('INVALID_INPUT', `「证件号码」${check.reason}。`);
    if (input.idType === 'hmt_residence_permit' && check.documentKind !== 'hmt_residence_permit') {
      fail('INVALID_INPUT', '「证件号码」不是港澳台居民居住证号码（应以 81、82 或 83 开头）。');
    }
    const notices: string[] = [];
    if (check.upgradedFrom) notices.push(`15 位旧身份证号 ${maskIdNumber(check.upgradedFrom)} 已升级为 18 位 ${maskIdNumber(check.idNumber)}。`);
    if (check.documentKind === 'hmt_residence_permit' && input.idType === 'resident_id') notices.push('该号码为港澳台居民居住证号码，已按此证件类型登记。');
    if (input.birthDate && input.birthDate !== check.birthDate) notices.push(`填写的出生日期 ${input.birthDate} 与证件号码不符，已按证件号码记为 ${check.birthDate}。`);
    if (input.gender && input.gender !== check.gender) notices.push(`填写的性别与证件号码不符，已按证件号码记为${check.gender === 'M' ? '男' : '女'}。`);
    return { idType: check.documentKind, idNumber: check.idNumber, birthDate: check.birthDate, gender: check.gender, notices };
  }
  const idNumber = normalizeIdNumber(input.idNumber).toUpperCase();
  if (!otherDocumentNumber.test(idNumber)) fail('INVALID_INPUT', '「证件号码」只能包含字母和数字，长度 5–20 位。');
  if (!input.birthDate) fail('INVALID_INPUT', '「出生日期」使用护照、通行证等证件时必须填写。');
  if (input.birthDate > today) fail('INVALID_INPUT', '「出生日期」不能晚于今天。');
  return { idType: input.idType, idNumber, birthDate: input.birthDate, gender: input.gender ?? null, notices: [] };
}

/** A typed phone in canonical form; refuses what is neither a mobile nor a landline, naming the field. */
export function phoneOrFail(raw: string | null, label: string): string | null {
  if (raw === null) return null;
  const phone = normalizePhone(raw);
  if (!phone) fail('INVALID_INPUT', `「${label}」应为 11 位手机号或带区号的固定电话。`);
  return phone;
}

export const maxPersonNameLength = 50;

/**
 * Why a normalised name cannot be a person's name, or null: the same rule for the forms, the
 * command line and the import, so what one accepts the others take back (an export re-imports).
 * Digits mean something else was typed into the name (a number, an ID, a formula).
 */
export function personNameProblem(name: string): string | null {
  if (name === '') return '不能为空';
  if (/[0-9０-９]/u.test(name)) return `“${name}”中含有数字，请检查是否填错了内容`;
  if (Array.from(name).length > maxPersonNameLength) return `超过 ${maxPersonNameLength} 个字，请检查是否把其他内容填进了姓名`;
  return null;
}

/** A typed name, normalised (normalizePersonName), or a refusal naming 姓名. */
export function personNameOrFail(raw: string): string {
  const name = normalizePersonName(raw);
  const problem = personNameProblem(name);
  if (problem) fail('INVALID_INPUT', `「姓名」${problem}。`);
  return name;
}
