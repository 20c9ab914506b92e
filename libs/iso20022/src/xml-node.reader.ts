import { SetrParseError } from './setr-parse.error';
import type { XmlNode } from './safe-xml.parser';

/** Reads fields of a parsed setr tree by paths of local names ("MsgId/Id"), naming the path in errors. */
export class XmlNodeReader {
  constructor(
    readonly node: XmlNode,
    /** Where this node is, from the document's message root, for error messages. */
    readonly at: string,
  ) {}

  child(path: string): XmlNodeReader | undefined {
    let node: XmlNode | undefined = this.node;
    for (const name of path.split('/')) {
      node = node.children.find((c) => c.name === name && c.ns === this.node.ns);
      if (node === undefined) return undefined;
    }
    return new XmlNodeReader(node, `${this.at}/${path}`);
  }

  children(name: string): XmlNodeReader[] {
    return this.node.children
      .filter((c) => c.name === name && c.ns === this.node.ns)
      .map((c, i) => new XmlNodeReader(c, `${this.at}/${name}[${i + 1}]`));
  }

  /** The first child element, whichever it is (for XSD choices). */
  first(): XmlNodeReader | undefined {
    const node = this.node.children[0];
    return node && new XmlNodeReader(node, `${this.at}/${node.name}`);
  }

  text(path: string): string | undefined {
    const node = this.child(path);
    if (node === undefined) return undefined;
    const text = node.node.text.trim();
    return text === '' ? undefined : text;
  }

  requiredText(path: string): string {
    const text = this.text(path);
    if (text === undefined)
      throw new SetrParseError('MISSING_FIELD', `${this.at}/${path} is missing or empty`);
    return text;
  }

  attribute(name: string): string | undefined {
    return this.node.attributes[name];
  }
}
