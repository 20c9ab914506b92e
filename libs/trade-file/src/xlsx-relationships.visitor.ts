import type { XmlAttributes, XmlVisitor } from './xml-stream';

export interface Relationship {
  readonly type: string;
  /** The target part's full name inside the package. */
  readonly target: string;
}

/** The relationships of one part (its `_rels/<name>.rels`), targets resolved against the part. */
export class RelationshipsVisitor implements XmlVisitor {
  readonly byId = new Map<string, Relationship>();

  constructor(private readonly sourcePart: string) {}

  open(name: string, attributes: XmlAttributes): void {
    if (name !== 'Relationship' || attributes.TargetMode === 'External') return;
    const { Id: id, Type: type, Target: target } = attributes;
    if (id !== undefined && type !== undefined && target !== undefined && !this.byId.has(id)) {
      this.byId.set(id, { type, target: resolvePart(this.sourcePart, target) });
    }
  }

  text(): void {
    // Relationships are attributes only.
  }

  close(): void {
    // Nothing to finish per element.
  }

  firstOfType(suffix: string): Relationship | undefined {
    return [...this.byId.values()].find((r) => r.type.endsWith(suffix));
  }
}

/** Where a part's relationships are: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`. */
export function relationshipsPartOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

// A target is relative to the source part's folder, or absolute from the package root.
function resolvePart(sourcePart: string, target: string): string {
  const base = target.startsWith('/') ? [] : sourcePart.split('/').slice(0, -1);
  for (const segment of target.replace(/\\/g, '/').split('/')) {
    if (segment === '..') base.pop();
    else if (segment !== '.' && segment !== '') base.push(segment);
  }
  return base.join('/');
}
