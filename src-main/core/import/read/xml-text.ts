// Small helpers for the XML of an xlsx package: text and attribute values as the XML spec defines
// them (entities, line ends), and the attributes of every element of a given name in a small part.

// Names are case-sensitive in XML: &AMP; and &#X41; are not references.
const ENTITY = /&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML 1.0's Char production: a reference to anything else (NUL, a lone surrogate, U+FFFE) is an
 *  error, never text for the ledger. */
function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/** Character and predefined entity references. An invalid code point throws (a broken part). */
export function decodeXml(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(ENTITY, (_, e: string) => {
    if (e[0] !== '#') return NAMED[e] as string;
    const cp = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    if (!isXmlChar(cp)) throw new RangeError(`character reference to U+${cp.toString(16).toUpperCase()} is not allowed in XML`);
    return String.fromCodePoint(cp);
  });
}

/** Element text as an XML parser delivers it: literal CR LF and lone CR read as LF (XML 1.0 §2.11),
 *  while a CR written as &#13; stays. */
export function decodeText(raw: string): string {
  const s = raw.indexOf('\r') < 0 ? raw : raw.replace(/\r\n?/g, '\n');
  return decodeXml(s);
}

const OOXML_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

/**
 * The text of a string item (<t> of a shared or inline string): decodeText, then the escapes of
 * OOXML's ST_Xstring, with which Excel (and our export) writes characters XML cannot hold, such
 * as CR (_x000D_), and an underscore that would look like one (_x005F_x0041_ is “_x0041_”).
 */
export function decodeStringText(raw: string): string {
  const s = decodeText(raw);
  if (s.indexOf('_x') < 0) return s;
  return s.replace(OOXML_ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Attributes of every `<tag …>` (any namespace prefix). The parts read this way are small and
 *  machine-written, so a regex is enough and keeps a second XML parser out of the dependency list. */
export function tags(xml: string, tag: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  // Quoted values may hold a literal `>` (legal in XML, e.g. a number format's [>=100]).
  const re = new RegExp(`<(?:[\\w.-]+:)?${tag}\\b((?:[^>"']|"[^"]*"|'[^']*')*)>`, 'g');
  for (const m of xml.matchAll(re)) {
    const attrs: Record<string, string> = {};
    for (const a of (m[1] ?? '').matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      attrs[a[1] as string] = decodeXml(a[2] ?? a[3] ?? '');
    }
    out.push(attrs);
  }
  return out;
}
