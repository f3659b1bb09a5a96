// Streams a CSV file: decoded with the detected encoding, parsed leniently (ragged rows, stray
// quotes), every cell a string.
import { createReadStream } from 'node:fs';
import { basename, extname } from 'node:path';
import { Transform } from 'node:stream';
import { parse, CsvError } from 'csv-parse';
import { AppError } from '../../errors';
import { RowBatcher, abortable } from './batcher';
import { detectCsvFormat, readSample, textDecoder, type CsvFormat } from './csv-detect';
import { MAX_COLUMNS, MAX_ROWS, READ_COLUMNS, refuse, throwIfAborted } from './refusals';
import { noteCell, type RawCell, type ReadOptions, type RowSink, type SheetRead, type SheetNotes } from './types';

const MAX_RECORD_CHARS = 2 * 1024 * 1024;

export function csvSheetName(file: string): string {
  const base = basename(file);
  return base.slice(0, base.length - extname(base).length) || base;
}

export async function inspectCsv(file: string, encoding?: ReadOptions['encoding']): Promise<CsvFormat> {
  const { bytes, whole } = await readSample(file);
  return detectCsvFormat(bytes, whole, encoding);
}

export async function readCsv(file: string, size: number, opts: ReadOptions, sink: RowSink): Promise<SheetRead> {
  const { encoding, delimiter } = await inspectCsv(file, opts.encoding);
  const sheet = opts.sheet ?? csvSheetName(file);
  const input = createReadStream(file, { highWaterMark: 256 * 1024 });
  let bytesRead = 0;
  const decoder = textDecoder(encoding);
  const text = encoding === 'gb18030' ? gb18030Text : (s: string) => s;
  const decode = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      bytesRead += chunk.length;
      cb(null, text(decoder.decode(chunk, { stream: true })));
    },
    flush(cb) {
      cb(null, text(decoder.decode()));
    },
  });
  const parser = parse({ delimiter, bom: true, relax_column_count: true, relax_quotes: true, max_record_size: MAX_RECORD_CHARS });
  input.on('error', (e) => decode.destroy(e));
  decode.on('error', (e) => parser.destroy(e));
  input.pipe(decode).pipe(parser);

  let records = 0;
  const work = (async (): Promise<SheetRead> => {
    const batcher = new RowBatcher(sink, (rows) => opts.onProgress?.({ rows, bytesRead, totalBytes: size }));
    const max = opts.maxRows ?? Infinity;
    let truncated = false;
    const notes: SheetNotes = {};
    for await (const record of parser as AsyncIterable<string[]>) {
      records++;
      throwIfAborted(opts.signal);
      if (records > MAX_ROWS) throw refuse.tooManyRows(sheet);
      if (record.length > MAX_COLUMNS) throw refuse.tooManyColumns(sheet);
      for (let i = READ_COLUMNS; i < record.length; i++) {
        if (record[i] === '') continue;
        noteCell(notes, 'beyondColumns', records);
      }
      let any = false;
      const cells: RawCell[] = (record.length > READ_COLUMNS ? record.slice(0, READ_COLUMNS) : record).map((raw) => {
        const s = csvCellText(raw);
        if (s === '') return null;
        any = true;
        return s;
      });
      if (!any) continue;
      if (batcher.delivered >= max) {
        truncated = true;
        break;
      }
      if (batcher.add({ row: records, cells })) await batcher.flush();
    }
    await batcher.flush();
    return { merges: [], rowCount: batcher.delivered, truncated, notes };
  })();

  try {
    return await abortable(work, opts.signal);
  } catch (e) {
    if (e instanceof AppError) throw e;
    if (e instanceof CsvError) throw refuse.recordTooLong(records + 1);
    throw refuse.unreadable(e instanceof Error ? e.message : String(e));
  } finally {
    input.destroy();
    parser.destroy();
  }
}

/**
 * Six characters of names (𠂇 𠂉 𠃌 𡗗 𢦏 𤇾) that GB18030-2005 mapped to private-use code points and
 * GB18030-2022 maps to their real ones; the decoder still gives the old private-use ones.
 */
const gb18030Pua: ReadonlyMap<string, string> = new Map([
  ['\ue816', '\u{20087}'],
  ['\ue817', '\u{20089}'],
  ['\ue818', '\u{200CC}'],
  ['\ue831', '\u{215D7}'],
  ['\ue83b', '\u{2298F}'],
  ['\ue855', '\u{241FE}'],
]);

const gb18030PuaChars = /[\ue816-\ue818\ue831\ue83b\ue855]/gu;

export function gb18030Text(decoded: string): string {
  return decoded.replace(gb18030PuaChars, (c) => gb18030Pua.get(c) as string);
}

/**
 * A CSV field as the spreadsheet that wrote it means it: ="0571…" is how many systems keep a long
 * number as text for Excel (which shows 0571…), and a leading apostrophe before =, +, -, @, tab or
 * CR is how a CSV export (ours too) keeps a value from being run as a formula.
 */
export function csvCellText(raw: string): string {
  if (raw.length < 2) return raw;
  const c = raw.charCodeAt(0);
  if (c === 0x3d /* = */ && raw.charCodeAt(1) === 0x22 && raw.endsWith('"') && raw.length >= 3) return raw.slice(2, -1).replace(/""/g, '"');
  // The export guards a value that itself starts with such an apostrophe ('=x) the same way (''=x).
  if (c === 0x27 /* ' */ && /^''?[=+\-@\t\r]/.test(raw)) return raw.slice(1);
  return raw;
}
