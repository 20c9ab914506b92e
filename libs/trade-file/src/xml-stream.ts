import { TextDecoder } from 'node:util';
import { SaxesParser } from 'saxes';
import { TRADE_FILE_LIMITS } from './trade-file.limits';

export type XmlAttributes = Readonly<Record<string, string>>;

/** Receives the elements of a part by local name (prefixes like `x:` dropped; some writers use them). */
export interface XmlVisitor {
  open(name: string, attributes: XmlAttributes): void;
  text(text: string): void;
  close(name: string): void;
  /** True once the visitor has all it needs: the rest of the part is not read. */
  readonly done?: boolean;
}

/**
 * Feeds a part's bytes to a strict XML parser and yields after each chunk, so a caller can hand on what
 * the visitor collected before more is read. Decoding is streamed (a character split between chunks
 * stays whole); no text or tag may grow past a cap, since the parser holds each one whole.
 */
export async function* visitXml(
  bytes: AsyncIterable<Uint8Array>,
  visitor: XmlVisitor,
  part: string,
): AsyncGenerator<void> {
  const parser = new SaxesParser({ position: false });
  let depth = 0;
  parser.on('opentag', (tag) => {
    if (++depth > TRADE_FILE_LIMITS.maxXmlDepth) throw new Error(`the part ${part} is nested too deeply`);
    visitor.open(localName(tag.name), tag.attributes as XmlAttributes);
  });
  parser.on('closetag', (tag) => {
    depth--;
    visitor.close(localName(tag.name));
  });
  parser.on('text', (text) => visitor.text(text));
  parser.on('cdata', (text) => visitor.text(text));

  let decoder: TextDecoder | undefined;
  let sinceMarkup = 0;
  for await (const chunk of bytes) {
    decoder ??= decoderFor(chunk);
    const text = decoder.decode(chunk, { stream: true });
    const lastMarkup = text.lastIndexOf('<');
    sinceMarkup = lastMarkup < 0 ? sinceMarkup + text.length : text.length - lastMarkup - 1;
    if (sinceMarkup > TRADE_FILE_LIMITS.maxXmlTokenChars) {
      throw new Error(
        `the part ${part} holds a text or tag longer than ${TRADE_FILE_LIMITS.maxXmlTokenChars} characters`,
      );
    }
    parser.write(text);
    yield;
    if (visitor.done === true) return;
  }
  parser.write((decoder ?? new TextDecoder()).decode());
  parser.close();
  yield;
}

export function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}

/** An attribute by local name, whatever its prefix (`r:id`, `ns2:id`); unprefixed ones win. */
export function attribute(attributes: XmlAttributes, name: string, prefixed = false): string | undefined {
  if (!prefixed && name in attributes) return attributes[name];
  for (const key in attributes) {
    if (key.endsWith(`:${name}`) && key !== `xmlns:${name}`) return attributes[key];
  }
  return undefined;
}

// Excel writes UTF-8; a part may declare UTF-16 with a byte order mark. Invalid bytes refuse the part.
function decoderFor(first: Uint8Array): TextDecoder {
  if (first[0] === 0xff && first[1] === 0xfe) return new TextDecoder('utf-16le', { fatal: true });
  if (first[0] === 0xfe && first[1] === 0xff) return new TextDecoder('utf-16be', { fatal: true });
  return new TextDecoder('utf-8', { fatal: true });
}
