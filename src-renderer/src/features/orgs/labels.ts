import type { OrgSummary } from '../../../../src-main/core/api/contract';

export const statusLabels: Record<OrgSummary['status'], string> = { preparing: '筹建', active: '已成立', retired: '撤销' };
export const statusColors: Record<OrgSummary['status'], string> = { preparing: 'gold', active: 'green', retired: 'default' };
export const bojiaLabels: Record<OrgSummary['bojiaStatus'], string> = { none: '未建', building: '在建', built: '已建成', demonstration: '示范点' };
