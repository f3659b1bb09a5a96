// Finding and reading the table in a sheet: pure functions over the rows a reader produced.
export { classifyRow, type RowClass } from './classify-row';
export { fillMergedDown } from './fill-merged';
export { findTable, headerScanRows, headerText, type TableGuess } from './find-table';
export { applyMapping, headerSignature, mapColumns, type MappedColumn, missingRequiredFields } from './map-columns';
export { sheetDate } from './sheet-date';
