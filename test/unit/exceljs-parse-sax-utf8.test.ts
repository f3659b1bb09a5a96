// The patched exceljs parse-sax (patches/exceljs+4.4.0.patch) must decode the stream as a whole:
// unpatched, a character split across two chunks becomes U+FFFD on both sides.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

type SaxEvent = { eventType: string; value: unknown };
const parseSax = createRequire(import.meta.url)('exceljs/lib/utils/parse-sax.js') as (chunks: AsyncIterable<Buffer>) => AsyncIterable<SaxEvent[]>;

async function textOf(chunks: Buffer[]): Promise<string> {
  async function* source() {
    yield* chunks;
  }
  let text = '';
  for await (const events of parseSax(source())) {
    for (const e of events) if (e.eventType === 'text') text += e.value as string;
  }
  return text;
}

describe('exceljs parse-sax (patched)', () => {
  const xml = Buffer.from('<t>姓名𠮷野家</t>', 'utf8');
  const jiStart = xml.indexOf(Buffer.from('𠮷', 'utf8'));

  it('keeps a 4-byte character split inside itself across chunks', async () => {
    for (let cut = jiStart + 1; cut < jiStart + 4; cut++) {
      expect(await textOf([xml.subarray(0, cut), xml.subarray(cut)])).toBe('姓名𠮷野家');
    }
  });

  it('keeps 3-byte characters fed one byte at a time', async () => {
    const bytes = [...xml].map((b) => Buffer.from([b]));
    expect(await textOf(bytes)).toBe('姓名𠮷野家');
  });
});
