// Format dispatch: what the file really is decides how it is read (sniff.ts), never its name.
import { stat } from 'node:fs/promises';
import { AppError } from '../../errors';
import { chinaDateOf } from './china-date';
import { csvSheetName, inspectCsv, readCsv } from './csv-read';
import { MAX_FILE_BYTES, refuse, throwIfAborted } from './refusals';
import { sniffFile } from './sniff';
import { inspectXlsx, readXlsx } from './xlsx-read';
import type { ReadOptions, RowSink, SheetRead, SourceInfo } from './types';

/** Lists the sheets and format facts of a file without reading its rows.
 *  A text file is read as CSV whatever its extension: systems that export tab-separated text
 *  named .xls are common, and their rows are exactly what the clerk wants. */
export async function inspectSource(file: string, opts: { encoding?: ReadOptions['encoding'] } = {}): Promise<SourceInfo> {
  return withAppErrors(async () => {
    const { size, mtime } = await sizedFile(file);
    if ((await sniffFile(file, size)) === 'zip') {
      const pkg = await inspectXlsx(file);
      if (pkg.sheets.length === 0) throw refuse.noSheets();
      return {
        format: 'xlsx',
        sheets: pkg.sheets.map(({ name, hidden }) => ({ name, hidden })),
        savedOn: pkg.savedOn,
        encoding: null,
        delimiter: null,
        sizeBytes: size,
      };
    }
    const { encoding, delimiter } = await inspectCsv(file, opts.encoding);
    return { format: 'csv', sheets: [{ name: csvSheetName(file) }], savedOn: chinaDateOf(mtime), encoding, delimiter, sizeBytes: size };
  });
}

/** Streams one sheet's non-empty rows to `sink` in batches; resolves once the sink has taken them all.
 *  For a CSV, `opts.sheet` is ignored (the file is its only sheet). */
export async function readSheet(file: string, opts: ReadOptions, sink: RowSink): Promise<SheetRead> {
  return withAppErrors(async () => {
    throwIfAborted(opts.signal);
    const { size } = await sizedFile(file);
    const kind = await sniffFile(file, size);
    throwIfAborted(opts.signal);
    return kind === 'zip' ? readXlsx(file, opts, sink) : readCsv(file, size, opts, sink);
  });
}

async function sizedFile(file: string): Promise<{ size: number; mtime: Date }> {
  const st = await stat(file);
  if (!st.isFile()) throw refuse.unreadable('所选路径不是文件');
  if (st.size > MAX_FILE_BYTES) throw refuse.tooLarge(st.size);
  return { size: st.size, mtime: st.mtime };
}

async function withAppErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    throw toAppError(e);
  }
}

export function toAppError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return refuse.unreadable('文件不存在，可能已被移动或删除');
  if (code === 'EACCES' || code === 'EPERM') return refuse.unreadable('没有读取这个文件的权限');
  if (code === 'EBUSY') return refuse.unreadable('文件正被其他程序占用，请先关闭 Excel/WPS 中的这个文件');
  return refuse.unreadable(e instanceof Error ? e.message : String(e));
}
