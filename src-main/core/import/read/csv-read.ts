// Streams a CSV file: decoded with the detected encoding, parsed leniently (ragged rows, stray
// quotes), every cell a string.
import { createReadStream } from 'node:fs';
import { basename, extname } from 'node:path';
import { Transform } from 'node:stream';
import { parse, CsvError } from 'csv-parse';
import { AppError } from '../../errors';
import { RowBatcher, abortable } from './batcher';
import { detectCsvFormat, readSample, type CsvFormat } from './csv-detect';
import { MAX_COLUMNS, MAX_ROWS, refuse, throwIfAborted } from './refusals';
import type { RawCell, ReadOptions, RowSink, SheetRead } from './types';

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
  const sheet = csvSheetName(file);
  const input = createReadStream(file, { highWaterMark: 256 * 1024 });
  let bytesRead = 0;
  const decoder = new TextDecoder(encoding === 'utf8' ? 'utf-8' : 'gb18030');
  const decode = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      bytesRead += chunk.length;
      cb(null, decoder.decode(chunk, { stream: true }));
    },
    flush(cb) {
      cb(null, decoder.decode());
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
    for await (const record of parser as AsyncIterable<string[]>) {
      records++;
      throwIfAborted(opts.signal);
      if (records > MAX_ROWS) throw refuse.tooManyRows(sheet);
      if (record.length > MAX_COLUMNS) throw refuse.tooManyColumns(sheet);
      let any = false;
      const cells: RawCell[] = record.map((s) => {
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
    return { merges: [], rowCount: batcher.delivered, truncated };
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
