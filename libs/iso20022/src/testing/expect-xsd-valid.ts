import type { SetrMessageType } from '../setr-message-types';
import type { SetrValidator } from '../setr.validator';
import { validateWithXmllint } from './xmllint';

type Doc = { readonly messageType: SetrMessageType; readonly xml: string };

/** Every document valid in-process AND with the xmllint CLI; failures listed with their documents. */
export function expectXsdValid(validator: SetrValidator, documents: readonly Doc[]): void {
  const byXmllint = validateWithXmllint(validator.xsdDir, documents);
  const failures = documents.flatMap((doc, i) => {
    const inProcess = validator.validate(doc.messageType, doc.xml);
    const problems = [
      ...(inProcess.valid ? [] : [`in-process: ${inProcess.errors.join(' | ')}`]),
      ...(byXmllint[i].valid ? [] : [`xmllint: ${byXmllint[i].output.join(' | ')}`]),
    ];
    return problems.length === 0 ? [] : [`${doc.messageType} #${i}: ${problems.join('; ')}\n${doc.xml}`];
  });
  expect(failures).toEqual([]);
}

/** A deterministic PRNG (mulberry32), so a failing property case can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
