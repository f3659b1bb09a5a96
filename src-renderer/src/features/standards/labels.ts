import type { CellStatus } from '../../../../src-main/core/api/contract';

// Colour and text together, so a state never depends on colour alone.
export const cellLabels: Record<CellStatus, { text: string; color: string; background: string }> = {
  met: { text: '达标', color: '#237804', background: '#f6ffed' },
  not_met: { text: '未达标', color: '#a8071a', background: '#fff1f0' },
  not_applicable: { text: '不适用', color: '#8c8c8c', background: '#fafafa' },
  unchecked: { text: '未核查', color: '#ad6800', background: '#fffbe6' },
};

export const checkLabels = { met: '达标', not_met: '未达标', not_applicable: '不适用' } as const;
