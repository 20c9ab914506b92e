import { describeCharacter, forbiddenXmlCharacter } from './xml-text';

/** An element with either text or child elements (setr documents have no mixed content). */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly content: string | readonly XmlElement[];
}

/** Absent children (undefined, null, false) are left out, so optional elements read as one expression. */
export type XmlChild = XmlElement | undefined | null | false;

export class XmlWriteError extends Error {
  override readonly name = 'XmlWriteError';
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** `<name>child…</name>`. */
export function el(name: string, ...children: readonly XmlChild[]): XmlElement {
  return { name: checkName(name), attributes: {}, content: children.filter(isElement) };
}

/** `<name attr="…">text</name>`. */
export function textEl(name: string, text: string, attributes: Record<string, string> = {}): XmlElement {
  for (const key of Object.keys(attributes)) checkName(key);
  return { name: checkName(name), attributes, content: text };
}

/** A text element only when the value is present. */
export function optTextEl(name: string, text: string | null | undefined): XmlElement | undefined {
  return text === undefined || text === null ? undefined : textEl(name, text);
}

/** The document as UTF-8-declared text, indented two spaces, every text and attribute escaped. */
export function serializeXml(root: XmlElement, namespace: string): string {
  const withNs: XmlElement = { ...root, attributes: { xmlns: namespace, ...root.attributes } };
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  write(withNs, 0, lines);
  return `${lines.join('\n')}\n`;
}

function write(element: XmlElement, depth: number, lines: string[]): void {
  const indent = '  '.repeat(depth);
  const attributes = Object.entries(element.attributes)
    .map(([key, value]) => ` ${key}="${escapeXml(value, true)}"`)
    .join('');
  const open = `${indent}<${element.name}${attributes}`;
  if (typeof element.content === 'string') {
    lines.push(`${open}>${escapeXml(element.content, false)}</${element.name}>`);
  } else if (element.content.length === 0) {
    lines.push(`${open}/>`);
  } else {
    lines.push(`${open}>`);
    for (const child of element.content) write(child, depth + 1, lines);
    lines.push(`${indent}</${element.name}>`);
  }
}

/**
 * Escapes the five XML specials everywhere, and tab/LF/CR as character references in attributes (where
 * a parser would otherwise normalise them to spaces) and CR in text (which parsers turn into LF).
 * Characters XML cannot carry, or that no setr text should hold, are refused rather than dropped.
 */
export function escapeXml(text: string, inAttribute: boolean): string {
  const bad = forbiddenXmlCharacter(text);
  if (bad !== undefined) {
    throw new XmlWriteError(`the text contains the control or invalid character ${describeCharacter(bad)}`);
  }
  return text.replace(/[&<>"'\t\n\r]/g, (c) => {
    switch (c) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      case "'":
        return '&apos;';
      case '\r':
        return '&#13;';
      default:
        return inAttribute ? `&#${c.charCodeAt(0)};` : c;
    }
  });
}

function checkName(name: string): string {
  if (!NAME.test(name)) throw new XmlWriteError(`"${name}" is not a valid XML name`);
  return name;
}

function isElement(child: XmlChild): child is XmlElement {
  return typeof child === 'object' && child !== null;
}
