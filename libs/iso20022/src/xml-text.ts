// XML 1.0 characters minus the control characters no setr field should ever carry (C0 except tab, LF,
// CR; DEL; C1), lone surrogates and the non-characters U+FFFE/U+FFFF.
const FORBIDDEN_IN_XML = /[^\t\n\r\u0020-\u007E\u00A0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
// Single-line texts (references, ids, names): no tab, LF or CR either.
const FORBIDDEN_IN_LINE = /[^\u0020-\u007E\u00A0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** The first character that may not go into an XML document we write, or undefined. */
export function forbiddenXmlCharacter(text: string): string | undefined {
  return FORBIDDEN_IN_XML.exec(text)?.[0];
}

/** The first character that may not go into a one-line text field (Max35Text and the like), or undefined. */
export function forbiddenLineCharacter(text: string): string | undefined {
  return FORBIDDEN_IN_LINE.exec(text)?.[0];
}

/** `U+0007` — how a refused character is named in messages (it may be invisible). */
export function describeCharacter(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Length in Unicode code points, as XSD's maxLength counts it (not UTF-16 units). */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
