import type { Member, MemberRow } from '../../../../src-main/core/api/contract';

export const kindLabels: Record<MemberRow['kind'], string> = { adult: '成人', youth: '青少年' };
export const statusLabels: Record<MemberRow['status'], string> = { active: '在册', lapsed: '已退会' };
export const statusColors: Record<MemberRow['status'], string> = { active: 'green', lapsed: 'default' };
export const genderLabels: Record<NonNullable<MemberRow['gender']>, string> = { M: '男', F: '女' };
export const idTypeLabels: Record<Member['idType'], string> = {
  resident_id: '居民身份证',
  hmt_residence_permit: '港澳台居民居住证',
  hm_travel_permit: '港澳居民来往内地通行证',
  passport: '护照',
  foreign_permanent_id: '外国人永久居留身份证',
};

/** Documents whose number carries the birth date and gender (GB 11643 format). */
export const numberCarriesBirth = (idType: Member['idType']) => idType === 'resident_id' || idType === 'hmt_residence_permit';

export const genderText = (g: MemberRow['gender']) => (g ? genderLabels[g] : '—');
