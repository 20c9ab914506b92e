import { TextDecoder } from 'node:util';
import { SaxesParser } from 'saxes';
import { SetrParseError } from './setr-parse.error';

export interface SetrParseLimits {
  /** Bytes (UTF-8) of the whole document. Default 5 MiB. */
  readonly maxBytes: number;
  /** Element nesting. Default 64 (setr documents nest about 12 deep). */
  readonly maxDepth: number;
  /** Elements in the document. Default 100,000. */
  readonly maxElements: number;
}

export const DEFAULT_SETR_PARSE_LIMITS: SetrParseLimits = {
  maxBytes: 5 * 1024 * 1024,
  maxDepth: 64,
  maxElements: 100_000,
};

/** An element by its namespace and local name; text only for leaves (whitespace between tags dropped). */
export interface XmlNode {
  readonly ns: string;
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlNode[];
  readonly text: string;
}

interface MutableNode {
  ns: string;
  name: string;
  attributes: Record<string, string>;
  children: MutableNode[];
  text: string;
}

/**
 * Parses untrusted XML into a small tree, refusing before any work what could hurt: more bytes than
 * allowed, bytes that are not UTF-8, any DOCTYPE (so no entity is ever declared, expanded or fetched),
 * deep nesting, too many elements. saxes knows no external resources, so nothing is ever loaded.
 */
export function parseSafeXml(
  input: string | Uint8Array,
  limits: SetrParseLimits = DEFAULT_SETR_PARSE_LIMITS,
): XmlNode {
  const text = decode(input, limits.maxBytes);
  if (/<!DOCTYPE|<!ENTITY/.test(text)) {
    throw new SetrParseError(
      'FORBIDDEN_DTD',
      'the document declares a DOCTYPE or an ENTITY; setr documents have none',
    );
  }
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: MutableNode[] = [];
  let root: MutableNode | undefined;
  let elements = 0;

  parser.on('error', (error) => {
    throw new SetrParseError('MALFORMED_XML', `the document is not well-formed XML: ${error.message}`);
  });
  parser.on('doctype', () => {
    throw new SetrParseError('FORBIDDEN_DTD', 'the document declares a DOCTYPE; setr documents have none');
  });
  parser.on('xmldecl', (decl) => {
    if (decl.encoding !== undefined && !/^utf-?8$/i.test(decl.encoding)) {
      throw new SetrParseError(
        'MALFORMED_XML',
        `the document declares encoding ${decl.encoding}; only UTF-8 is read`,
      );
    }
  });
  parser.on('opentag', (tag) => {
    if (stack.length >= limits.maxDepth) {
      throw new SetrParseError(
        'TOO_LARGE',
        `the document nests elements deeper than ${limits.maxDepth} levels`,
      );
    }
    if (++elements > limits.maxElements) {
      throw new SetrParseError('TOO_LARGE', `the document has more than ${limits.maxElements} elements`);
    }
    const attributes: Record<string, string> = {};
    for (const attribute of Object.values(tag.attributes)) {
      if (attribute.prefix !== 'xmlns' && attribute.name !== 'xmlns')
        attributes[attribute.local] = attribute.value;
    }
    const node: MutableNode = { ns: tag.uri, name: tag.local, attributes, children: [], text: '' };
    stack.at(-1)?.children.push(node);
    root ??= node;
    stack.push(node);
  });
  parser.on('text', (chunk) => appendText(stack, chunk));
  parser.on('cdata', (chunk) => appendText(stack, chunk));
  parser.on('closetag', () => {
    const node = stack.pop();
    if (node && node.children.length > 0) node.text = '';
  });

  parser.write(text).close();
  if (root === undefined) throw new SetrParseError('MALFORMED_XML', 'the document has no root element');
  return root;
}

function appendText(stack: MutableNode[], chunk: string): void {
  const node = stack.at(-1);
  if (node !== undefined) node.text += chunk;
}

function decode(input: string | Uint8Array, maxBytes: number): string {
  const bytes = typeof input === 'string' ? utf8Length(input, maxBytes) : input.byteLength;
  if (bytes > maxBytes) {
    throw new SetrParseError('TOO_LARGE', `the document is larger than ${maxBytes} bytes; it is not read`);
  }
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    if ((input[0] === 0xff && input[1] === 0xfe) || (input[0] === 0xfe && input[1] === 0xff)) {
      throw new SetrParseError('MALFORMED_XML', 'the document is UTF-16; setr documents are read as UTF-8');
    }
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      throw new SetrParseError('MALFORMED_XML', 'the document is not valid UTF-8');
    }
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

// A string's UTF-8 length without encoding it when its length alone decides.
function utf8Length(text: string, maxBytes: number): number {
  if (text.length > maxBytes) return text.length;
  if (text.length * 3 <= maxBytes) return text.length;
  return Buffer.byteLength(text, 'utf8');
}
