import { importKindLabels, type ImportKind } from '../domain/sheet-fields';
import { exportColumns } from './columns';
import { openCsvSink, openXlsxSink, type SheetFormat, type SheetSink } from './sheet-sink';
import type { FieldRow } from './roster-rows';

// Writes a roster: header row, then one row per record, nothing else (no title, no totals), so
// the file is plain data that imports back. Pages are written one at a time and the stream is
// drained in between, which bounds memory by the page size, not the roster size.

export async function writeRoster(file: string, format: SheetFormat, kind: ImportKind, pages: Iterable<Iterable<FieldRow>>): Promise<number> {
  const columns = exportColumns(kind);
  const sink: SheetSink = format === 'csv' ? openCsvSink(file, columns) : openXlsxSink(file, importKindLabels[kind], columns);
  let rows = 0;
  for (const page of pages) {
    // Read to its end before awaiting: a lazy page keeps the database connection busy.
    for (const record of page) {
      sink.add(columns.map((c) => record[c.key] ?? null));
      rows++;
    }
    await sink.drain();
  }
  await sink.finish();
  return rows;
}
