// xl/sharedStrings.xml read into the plain text of each <si>: rich-text runs joined, phonetic
// runs (<rPh>, the furigana/pinyin guide Excel stores with East Asian text) left out.
import { refuse, throwIfAborted } from './refusals';

/** More text, or more strings, than any roster holds (a million rows of ten distinct 12-character
 *  values is 10M strings, 120M characters): beyond either the strings table is a bomb that would
 *  fill the heap of whichever thread reads it (200 million empty <si/> fit in 13 MB zipped). */
export const MAX_SHARED_CHARS = 128 * 1024 * 1024;
export const MAX_SHARED_STRINGS = 16 * 1024 * 1024;
import { decodeStringText } from './xml-text';
import { nameIs, XmlScanner } from './xml-scanner';

export class SharedStringsScanner extends XmlScanner {
  /** null for an empty string, as an empty cell. */
  readonly strings: (string | null)[] = [];
  private text: string | null = null;
  private chars = 0;
  private inT = false;
  private inPhonetic = false;

  constructor(private readonly limits = { chars: MAX_SHARED_CHARS, strings: MAX_SHARED_STRINGS }) {
    super();
  }

  protected open(s: string, name: number, nameEnd: number): void {
    if (this.text === null) {
      if (nameIs(s, name, nameEnd, 'si')) this.text = '';
    } else if (nameEnd - name === 1 && s.charCodeAt(name) === 0x74 /* t */) {
      if (!this.inPhonetic) {
        this.inT = true;
        this.collect();
      }
    } else if (nameIs(s, name, nameEnd, 'rPh')) this.inPhonetic = true;
  }

  protected close(s: string, name: number, nameEnd: number): void {
    if (this.text === null) return;
    if (nameEnd - name === 1 && s.charCodeAt(name) === 0x74 /* t */) {
      if (this.inT) {
        this.inT = false;
        this.text += decodeStringText(this.takeText());
      }
    } else if (nameIs(s, name, nameEnd, 'rPh')) this.inPhonetic = false;
    else if (nameIs(s, name, nameEnd, 'si')) {
      this.chars += this.text.length;
      if (this.chars > this.limits.chars || this.strings.length >= this.limits.strings) throw refuse.zipBomb();
      this.strings.push(this.text === '' ? null : this.text);
      this.text = null;
    }
  }
}

export async function readSharedStrings(part: AsyncIterable<Buffer>, signal: AbortSignal | undefined): Promise<(string | null)[]> {
  const scanner = new SharedStringsScanner();
  for await (const chunk of part) {
    throwIfAborted(signal);
    scanner.writeBytes(chunk);
  }
  scanner.end();
  return scanner.strings;
}
