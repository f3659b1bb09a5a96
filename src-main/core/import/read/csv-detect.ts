// How a CSV file is encoded and separated, judged from its first megabytes.
import { open } from 'node:fs/promises';
import type { ReadOptions, SourceInfo } from './types';

export const SAMPLE_BYTES = 4 * 1024 * 1024;

export type CsvEncoding = 'utf8' | 'gb18030' | 'utf16le' | 'utf16be';

export interface CsvFormat { encoding: CsvEncoding; delimiter: Delimiter }

export async function readSample(file: string): Promise<{ bytes: Buffer; whole: boolean }> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(SAMPLE_BYTES);
    let filled = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, filled, buf.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
      if (filled === buf.length) break;
    }
    const bytes = buf.subarray(0, filled);
    const whole = filled < SAMPLE_BYTES || (await fh.read(Buffer.alloc(1), 0, 1, filled)).bytesRead === 0;
    return { bytes, whole };
  } finally {
    await fh.close();
  }
}

/** A UTF-16 BOM → UTF-16 (Excel's 另存为“Unicode 文本”), whatever the clerk chose: read as GBK or
 *  UTF-8 it is never right. Then: BOM → UTF-8; strictly valid UTF-8 → UTF-8; anything else →
 *  GB18030, which decodes all of GBK plus the characters GBK lacks (rare names). A GBK file of
 *  pure Chinese text is practically never valid UTF-8, so the strict test is reliable. */
export function detectEncoding(sample: Buffer, whole: boolean, override?: ReadOptions['encoding']): CsvEncoding {
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf16le';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf16be';
  if (override) return override === 'utf8' ? 'utf8' : 'gb18030';
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf8';
  try {
    // stream: true when the sample is cut, so a character split at its end is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: !whole });
    return 'utf8';
  } catch {
    return 'gb18030';
  }
}

export type Delimiter = ',' | '\t' | ';';
const delimiters: readonly Delimiter[] = [',', '\t', ';'];

/**
 * The separator that splits the first lines most evenly, counted outside quotes: the one the most
 * lines hold equally often (more fields breaking a tie, then the comma). A tab-separated file whose
 * 服务领域 hold “应急救护,无偿献血” has as many tabs on every line, header included, while its
 * commas are in the data rows only.
 */
export function detectDelimiter(text: string): Delimiter {
  const counts = delimiters.map(() => [] as number[]);
  const line = delimiters.map(() => 0);
  let inQuotes = false;
  let lines = 0;
  const endLine = () => {
    if (line.some((n) => n > 0)) delimiters.forEach((_, d) => (counts[d] as number[]).push(line[d] as number));
    line.fill(0);
    lines++;
  };
  for (let i = 0; i < text.length && lines < 50; i++) {
    const ch = text[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (inQuotes) continue;
    else if (ch === '\n') endLine();
    else {
      const d = delimiters.indexOf(ch as Delimiter);
      if (d >= 0) line[d] = (line[d] as number) + 1;
    }
  }
  if (lines < 50) endLine();
  let best: Delimiter = ',';
  let bestLines = 0;
  let bestFields = 0;
  delimiters.forEach((delimiter, d) => {
    const tally = new Map<number, number>();
    for (const n of counts[d] as number[]) if (n > 0) tally.set(n, (tally.get(n) ?? 0) + 1);
    for (const [n, times] of tally) {
      if (times > bestLines || (times === bestLines && n > bestFields)) [best, bestLines, bestFields] = [delimiter, times, n];
    }
  });
  return best;
}

export function detectCsvFormat(sample: Buffer, whole: boolean, override?: ReadOptions['encoding']): CsvFormat {
  const encoding = detectEncoding(sample, whole, override);
  const text = textDecoder(encoding).decode(sample.subarray(0, 256 * 1024), { stream: true });
  return { encoding, delimiter: detectDelimiter(text) };
}

/** The decoder for an encoding; a UTF-16 decoder drops the BOM itself. */
export function textDecoder(encoding: CsvEncoding) {
  return new TextDecoder({ utf8: 'utf-8', gb18030: 'gb18030', utf16le: 'utf-16le', utf16be: 'utf-16be' }[encoding]);
}

export type CsvSourceFields = Pick<SourceInfo, 'encoding' | 'delimiter'>;
