import { resolve } from 'node:path';

/** Where tests read the official XSDs: ISO20022_XSD_DIR, else ../shared/iso20022 beside the repository. */
export function testXsdDir(): string {
  return process.env.ISO20022_XSD_DIR ?? resolve(__dirname, '../../../../../shared/iso20022');
}
