import type { Team, Volunteer, VolunteerRow } from '../../../../src-main/core/api/contract';

export const volunteerStatusLabels: Record<VolunteerRow['status'], string> = { active: '在册', left: '已退出' };
export const volunteerStatusColors: Record<VolunteerRow['status'], string> = { active: 'green', left: 'default' };
export const teamStatusLabels: Record<Team['status'], string> = { active: '活动中', dissolved: '已解散' };
export const genderText = (g: Volunteer['gender']) => (g === 'M' ? '男' : g === 'F' ? '女' : '—');
export const stars = (level: number | null) => (level ? `${'★'.repeat(level)} ${level} 星` : '—');
/** Where a volunteer or team belongs: an organisation, or the county society itself. */
export const belongsTo = (orgName: string | null) => orgName ?? '县红十字会直属';
