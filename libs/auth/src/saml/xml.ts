import { DOMParser } from '@xmldom/xmldom';

// @xmldom/xmldom (the parser node-saml itself uses) expands no external entities; parse errors throw.
export function parseXml(xml: string): Document {
  const errors: string[] = [];
  const doc = new DOMParser({
    errorHandler: {
      warning: () => undefined,
      error: (message: string) => errors.push(message),
      fatalError: (message: string) => errors.push(message),
    },
  }).parseFromString(xml, 'text/xml');
  if (errors.length > 0 || !doc.documentElement)
    throw new Error(`not well-formed XML: ${errors[0] ?? 'empty'}`);
  return doc;
}

/** Child elements of `parent` with this local name (any namespace prefix). */
export function children(parent: Element, localName: string): Element[] {
  const found: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1 && (node as Element).localName === localName) found.push(node as Element);
  }
  return found;
}

/** Descendants at this path of local names, e.g. path(assertion, 'Subject', 'SubjectConfirmation'). */
export function path(parent: Element, ...localNames: string[]): Element[] {
  return localNames.reduce<Element[]>(
    (nodes, name) => nodes.flatMap((node) => children(node, name)),
    [parent],
  );
}

export const text = (element: Element | undefined): string | undefined =>
  element?.textContent?.trim() || undefined;
