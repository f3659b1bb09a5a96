// The file-reading layer of the import: rows out of xlsx and csv files, nothing about their meaning.
export type { CellRange, RawCell, RawRow, ReadOptions, RowSink, SheetRead, SourceInfo } from './types';
export { inspectSource, readSheet } from './read-sheet';
export { readSheetInWorker } from './in-worker';
