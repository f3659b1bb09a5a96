// Sits between the zip entry and exceljs's sheet parser: counts the sheet's XML bytes (progress and
// an inflation cap) and picks the merged ranges out of the raw bytes. exceljs's streaming
// WorksheetReader ignores <mergeCells>, which comes after <sheetData>; scanning bytes with
// Buffer#indexOf costs far less than a second XML parse, and `mergeCell` followed by a space can
// only be a tag there (`<` is always escaped in cell text).
import { parseRange } from './cell-ref';
import { refuse } from './refusals';
import type { CellRange } from './types';

const MERGE = Buffer.from('mergeCell');
const MAX_PARTIAL_TAG = 4096;
const REF = /\bref\s*=\s*["']([^"']+)["']/;

export class SheetTap {
  bytes = 0;
  readonly merges: CellRange[] = [];
  private carry: Buffer | null = null;
  private readonly source: AsyncIterator<Buffer | string>;

  constructor(
    source: AsyncIterable<Buffer | string>,
    private readonly maxBytes: number,
  ) {
    this.source = source[Symbol.asyncIterator]();
  }

  /** The chunks for exceljs. Its early return (maxRows reached) leaves the source open for drain(). */
  async *chunks(): AsyncGenerator<Buffer> {
    for (;;) {
      const next = await this.source.next();
      if (next.done) return;
      yield this.take(next.value);
    }
  }

  /** Reads the rest of the sheet without parsing it, for the merges after <sheetData>. */
  async drain(onChunk: () => void): Promise<void> {
    for (;;) {
      const next = await this.source.next();
      if (next.done) return;
      this.take(next.value);
      onChunk();
    }
  }

  private take(value: Buffer | string): Buffer {
    const chunk = typeof value === 'string' ? Buffer.from(value) : value;
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) throw refuse.zipBomb();
    this.scan(chunk);
    return chunk;
  }

  private scan(chunk: Buffer): void {
    const buf = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = null;
    let from = 0;
    for (;;) {
      const at = buf.indexOf(MERGE, from);
      if (at < 0) {
        this.carry = Buffer.from(buf.subarray(Math.max(from, buf.length - MERGE.length)));
        return;
      }
      const end = buf.indexOf(0x3e, at);
      if (end < 0) {
        if (buf.length - at <= MAX_PARTIAL_TAG) this.carry = Buffer.from(buf.subarray(Math.max(0, at - 1)));
        return;
      }
      const before = at > 0 ? buf[at - 1] : 0x3c;
      const after = buf[at + MERGE.length];
      const isTag = (before === 0x3c || before === 0x3a) && (after === 0x20 || after === 0x09 || after === 0x0a || after === 0x0d);
      if (isTag) {
        const ref = REF.exec(buf.toString('latin1', at, end))?.[1];
        const range = ref ? parseRange(ref) : null;
        if (range) this.merges.push(range);
      }
      from = end + 1;
    }
  }
}
