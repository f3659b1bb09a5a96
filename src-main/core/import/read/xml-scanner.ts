// The tag-level tokenizer under the sheet and shared-strings readers: decoded text goes in chunk by
// chunk, element opens and closes come out as positions in that text (no node objects, no
// attribute maps), and only the text a subclass asks for is kept. It checks as much well-formedness
// as a reader of machine-written parts needs: a `<` inside a tag, an unfinished tag or element at
// the end, a DOCTYPE (whose entities could expand without bound) all fail the read.
import { StringDecoder } from 'node:string_decoder';

/** The longest unfinished tag, comment or CDATA section carried to the next chunk: far beyond any
 *  real one, and it keeps a file with no `>` from growing memory. */
const MAX_CARRY = 1 << 20;

export class MalformedXml extends Error {}

export abstract class XmlScanner {
  // One decoder for the whole part: a character split across two inflated chunks is carried over
  // whole (exceljs 4.4.0 decoded each chunk on its own and broke it, issues #2063/#2084/#2316).
  private readonly decoder = new StringDecoder('utf8');
  private carry = '';
  private collecting = false;
  private collected = '';
  private depth = 0;
  private sawRoot = false;

  /** name..nameEnd: the element's local name (prefix dropped); attributes lie in nameEnd..attrsEnd.
   *  A self-closing element gets close() right after. */
  protected abstract open(s: string, name: number, nameEnd: number, attrsEnd: number): void;
  protected abstract close(s: string, name: number, nameEnd: number): void;

  /** Keeps the raw text from here on (all of it, across child tags) until takeText(). */
  protected collect(): void {
    this.collecting = true;
    this.collected = '';
  }

  protected takeText(): string {
    this.collecting = false;
    const raw = this.collected;
    this.collected = '';
    return raw;
  }

  /** The part's UTF-8 bytes, in chunks cut anywhere. */
  writeBytes(chunk: Buffer): void {
    this.write(this.decoder.write(chunk));
  }

  /** The whole part has been written: anything left open means it was cut short. */
  end(): void {
    this.write(this.decoder.end());
    if (this.carry !== '' || this.depth !== 0 || !this.sawRoot) throw new MalformedXml('unfinished part');
  }

  /** Decoded text of the part, in chunks cut anywhere (even inside an entity or a tag). */
  write(chunk: string): void {
    const s = this.carry === '' ? chunk : this.carry + chunk;
    this.carry = '';
    const n = s.length;
    let text = 0;
    let lt = s.indexOf('<');
    while (lt >= 0) {
      if (this.collecting && lt > text) this.collected += s.slice(text, lt);
      const c1 = s.charCodeAt(lt + 1);
      if (c1 === 0x21 || c1 === 0x3f) {
        // <!-- -->, <![CDATA[ ]]>, <? ?>
        const end = this.special(s, lt);
        if (end < 0) return this.keep(s, lt);
        text = end;
        lt = s.indexOf('<', end);
        continue;
      }
      const closing = c1 === 0x2f;
      // One pass over the qualified name: the local name starts after its last `:`, and a tag
      // without attributes ends right there, so only tags with attributes need a search for `>`.
      let p = closing ? lt + 2 : lt + 1;
      let name = p;
      let c = 0;
      for (; p < n; p++) {
        c = s.charCodeAt(p);
        if (c === 0x3e || c === 0x2f || c <= 0x20) break;
        if (c === 0x3a) name = p + 1;
      }
      if (p >= n) return this.keep(s, lt);
      const nameEnd = p;
      const gt = c === 0x3e ? p : tagEnd(s, p);
      if (gt < 0) return this.keep(s, lt);
      if (name === nameEnd) throw new MalformedXml('tag without a name');
      if (closing) {
        if (--this.depth < 0) throw new MalformedXml('close without open');
        this.close(s, name, nameEnd);
      } else {
        if (this.depth === 0 && this.sawRoot) throw new MalformedXml('second root element');
        this.sawRoot = true;
        if (s.charCodeAt(gt - 1) === 0x2f) {
          this.open(s, name, nameEnd, gt - 1);
          this.close(s, name, nameEnd);
        } else {
          this.depth++;
          this.open(s, name, nameEnd, gt);
        }
      }
      text = gt + 1;
      lt = s.indexOf('<', text);
    }
    if (this.collecting && text < n) this.collected += s.slice(text);
  }

  private keep(s: string, from: number): void {
    if (s.length - from > MAX_CARRY) throw new MalformedXml('unfinished tag');
    this.carry = s.slice(from);
  }

  /** Index after the comment, CDATA section or processing instruction at `lt`, or -1 when it
   *  continues in the next chunk. */
  private special(s: string, lt: number): number {
    if (s.startsWith('<!--', lt)) return after(s, '-->', lt + 4);
    if (s.startsWith('<![CDATA[', lt)) {
      const end = s.indexOf(']]>', lt + 9);
      if (end < 0) return -1;
      // Collected text is entity-decoded later; CDATA is literal, so its `&` must survive that.
      if (this.collecting) this.collected += s.slice(lt + 9, end).replace(/&/g, '&amp;');
      return end + 3;
    }
    if (s.startsWith('<?', lt)) return after(s, '?>', lt + 2);
    if (s.length - lt < 9) return -1;
    throw new MalformedXml('DOCTYPE or unknown declaration');
  }
}

/** The `>` closing a tag whose attributes start at `from`, or -1 when the tag continues in the next
 *  chunk. Quoted values are skipped whole: XML allows a literal `>` in them (a validation prompt
 *  such as "请输入>0的数"); a `<` outside them means the part is broken. */
function tagEnd(s: string, from: number): number {
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x3e) return i;
    if (c === 0x22 || c === 0x27) {
      i = s.indexOf(c === 0x22 ? '"' : "'", i + 1);
      if (i < 0) return -1;
    } else if (c === 0x3c) {
      throw new MalformedXml('< inside a tag');
    }
  }
  return -1;
}

function after(s: string, terminator: string, from: number): number {
  const at = s.indexOf(terminator, from);
  return at < 0 ? -1 : at + terminator.length;
}

/** One attribute, as positions in the text (scanAttr's output; reused, never allocated per tag). */
export const attribute = { name: 0, nameEnd: 0, value: 0, valueEnd: 0 };

/** Reads the attribute starting at or after `p` (before `to`) into `attribute`; returns the index
 *  after it, or -1 when there is none left. */
export function scanAttr(s: string, p: number, to: number): number {
  const eq = s.indexOf('=', p);
  if (eq < 0 || eq >= to) return -1;
  let nameEnd = eq;
  while (nameEnd > p && s.charCodeAt(nameEnd - 1) <= 0x20) nameEnd--;
  let name = nameEnd;
  while (name > p && s.charCodeAt(name - 1) > 0x20) name--;
  let q = eq + 1;
  while (q < to && s.charCodeAt(q) <= 0x20) q++;
  const quote = s.charCodeAt(q);
  if (quote !== 0x22 && quote !== 0x27) return -1;
  const close = s.indexOf(quote === 0x22 ? '"' : "'", q + 1);
  if (close < 0 || close >= to) return -1;
  attribute.name = name;
  attribute.nameEnd = nameEnd;
  attribute.value = q + 1;
  attribute.valueEnd = close;
  return close + 1;
}

/** The value of attribute `name`, undecoded (callers read ids, refs and numbers), or null. */
export function attr(s: string, from: number, to: number, name: string): string | null {
  for (let p = scanAttr(s, from, to); p >= 0; p = scanAttr(s, p, to)) {
    if (nameIs(s, attribute.name, attribute.nameEnd, name)) return s.slice(attribute.value, attribute.valueEnd);
  }
  return null;
}

export function nameIs(s: string, start: number, end: number, name: string): boolean {
  return end - start === name.length && s.startsWith(name, start);
}
