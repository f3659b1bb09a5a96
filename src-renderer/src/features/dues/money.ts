import type { DuesStatusValue } from '../../../../src-main/core/api/contract';

export const duesStatusLabels: Record<DuesStatusValue | 'none', string> = { paid: '已缴', unpaid: '未缴', exempt: '免缴', none: '未登记' };

/** Fen (the API's integer amounts) shown as 元 with two decimals. */
export const fenToYuan = (fen: number | null) => (fen === null ? '—' : (fen / 100).toFixed(2));

/** 元 typed in a number box → fen, rounded to the cent. */
export const yuanToFen = (yuan: number) => Math.round(yuan * 100);
