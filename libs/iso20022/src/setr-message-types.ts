/** Every setr message this library writes or reads, by ISO message identifier. */
export const SETR_MESSAGES = {
  'setr.010.001.04': { root: 'SbcptOrdr', kind: 'order', orderType: 'SUBSCRIPTION' },
  'setr.004.001.04': { root: 'RedOrdr', kind: 'order', orderType: 'REDEMPTION' },
  'setr.016.001.04': { root: 'OrdrInstrStsRpt', kind: 'status-report', orderType: null },
  'setr.012.001.04': { root: 'SbcptOrdrConf', kind: 'confirmation', orderType: 'SUBSCRIPTION' },
  'setr.012.001.05': { root: 'SbcptOrdrConf', kind: 'confirmation', orderType: 'SUBSCRIPTION' },
  'setr.006.001.04': { root: 'RedOrdrConf', kind: 'confirmation', orderType: 'REDEMPTION' },
  'setr.006.001.05': { root: 'RedOrdrConf', kind: 'confirmation', orderType: 'REDEMPTION' },
} as const;

export type SetrMessageType = keyof typeof SETR_MESSAGES;
export type SetrOrderMessageType = 'setr.010.001.04' | 'setr.004.001.04';
export type SetrConfirmationMessageType =
  'setr.012.001.04' | 'setr.012.001.05' | 'setr.006.001.04' | 'setr.006.001.05';
/** The confirmation versions this library can write (the ones whose XSD is in the official folder). */
export type BuildableConfirmationMessageType = 'setr.012.001.05' | 'setr.006.001.05';

const NAMESPACE_PREFIX = 'urn:iso:std:iso:20022:tech:xsd:';

export function namespaceOf(messageType: SetrMessageType): string {
  return `${NAMESPACE_PREFIX}${messageType}`;
}

/** The message type a document namespace stands for, if it is one we know. */
export function messageTypeOfNamespace(namespace: string): SetrMessageType | undefined {
  if (!namespace.startsWith(NAMESPACE_PREFIX)) return undefined;
  const id = namespace.slice(NAMESPACE_PREFIX.length);
  return Object.hasOwn(SETR_MESSAGES, id) ? (id as SetrMessageType) : undefined;
}

export function isSetrMessageType(value: string): value is SetrMessageType {
  return Object.hasOwn(SETR_MESSAGES, value);
}

/** The official XSD of a message type, as named in the ISO20022_XSD_DIR folder. */
export function xsdFileName(messageType: SetrMessageType): string {
  return `${messageType}.xsd`;
}
