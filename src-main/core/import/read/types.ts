export type RawCell = string | number | boolean | Date | null;
export interface RawRow { row: number; cells: RawCell[] }   // row = 1-based Excel row number; cells[i] = column i (A=0); Date = UTC midnight of the calendar date shown
export interface CellRange { top: number; left: number; bottom: number; right: number } // rows 1-based, cols 0-based, inclusive
