export { buildSetrOrder, orderMessageTypeOf, type SetrOrderDocument } from './setr-order.builder';
export type { SetrOrderRefs } from './setr-order.refs';
export {
  preflight,
  SetrPreflightError,
  type PreflightCode,
  type PreflightIssue,
  type PreflightResult,
} from './setr-order.preflight';
export {
  attemptOfMessageId,
  masterRefFor,
  messageIdFor,
  orderFileName,
  temporaryFileName,
  MAX_ATTEMPT,
  MAX_REF_LENGTH,
} from './setr-references';
export type { PartyId } from './party';
export {
  createSetrValidator,
  SetrValidatorError,
  type SetrValidationResult,
  type SetrValidator,
  type SetrValidatorOptions,
} from './setr.validator';
export {
  parseSetrDocument,
  parseSetrInbound,
  parseSetrOrder,
  type SetrParseOptions,
} from './setr-document.parser';
export { DEFAULT_SETR_PARSE_LIMITS, type SetrParseLimits } from './safe-xml.parser';
export { SetrParseError, type SetrParseErrorCode } from './setr-parse.error';
export type * from './setr-inbound.types';
export {
  ackOutcomeOf,
  ORDER_STATUS_CODES,
  REJECTED_REASON_CODES,
  type OrderStatusCode,
  type RejectedReasonCode,
  type SetrAckOutcome,
  type SetrOrderStatus,
  type SetrStatusReason,
} from './setr-order-status';
export {
  buildStatusReport,
  type ReportedOrder,
  type ReportedStatus,
  type StatusReportInput,
} from './status-report.builder';
export { buildConfirmation, confirmationMessageTypeOf, type ConfirmationInput } from './confirmation.builder';
export {
  isSetrMessageType,
  messageTypeOfNamespace,
  namespaceOf,
  SETR_MESSAGES,
  xsdFileName,
  type BuildableConfirmationMessageType,
  type SetrConfirmationMessageType,
  type SetrMessageType,
  type SetrOrderMessageType,
} from './setr-message-types';
export { validateWithXmllint, type XmllintResult } from './testing/xmllint';
export { testXsdDir } from './testing/xsd-dir';
export { expectXsdValid } from './testing/expect-xsd-valid';
