import { children, parseXml, path, text } from './xml';

const XMLDSIG = 'http://www.w3.org/2000/09/xmldsig#';

/** What our own checks need from a response that passport-saml has already verified. */
export interface AssertionFacts {
  assertionId: string;
  /** Response@Destination (the response envelope; absent is refused by the caller). */
  destination?: string;
  /** Every SubjectConfirmationData@Recipient of the signed assertion. */
  recipients: string[];
  authnContextClassRefs: string[];
  /** The latest NotOnOrAfter of the assertion: how long its id must be remembered against replay. */
  notOnOrAfter?: Date;
  signatureAlgorithms: string[];
  digestAlgorithms: string[];
}

/**
 * Reads the facts from the verified assertion XML (what the signature covers, as passport-saml returns
 * it) and the Destination from the response around it.
 */
export function assertionFacts(verifiedAssertionXml: string, responseXml: string): AssertionFacts {
  const assertion = parseXml(verifiedAssertionXml).documentElement;
  if (assertion.localName !== 'Assertion') throw new Error('the verified XML is not an assertion');
  const response = parseXml(responseXml).documentElement;
  const confirmations = path(assertion, 'Subject', 'SubjectConfirmation', 'SubjectConfirmationData');
  const times = [...confirmations, ...children(assertion, 'Conditions')]
    .map((element) => element.getAttribute('NotOnOrAfter'))
    .filter((value): value is string => Boolean(value))
    .map((value) => new Date(value).getTime())
    .filter((ms) => Number.isFinite(ms));
  const assertionId = assertion.getAttribute('ID') ?? '';
  // The verified XML has passed the enveloped-signature transform: the signature over it is in the response.
  const signatures = Array.from(response.getElementsByTagNameNS(XMLDSIG, 'Signature')).filter((signature) =>
    path(signature, 'SignedInfo', 'Reference').some((ref) => ref.getAttribute('URI') === `#${assertionId}`),
  );
  const signedInfo = signatures.flatMap((signature) => children(signature, 'SignedInfo'));
  return {
    assertionId,
    ...(response.getAttribute('Destination') && {
      destination: response.getAttribute('Destination') as string,
    }),
    recipients: confirmations.map((data) => data.getAttribute('Recipient') ?? ''),
    authnContextClassRefs: path(assertion, 'AuthnStatement', 'AuthnContext', 'AuthnContextClassRef')
      .map((ref) => text(ref))
      .filter((ref): ref is string => ref !== undefined),
    ...(times.length > 0 && { notOnOrAfter: new Date(Math.max(...times)) }),
    signatureAlgorithms: signedInfo
      .flatMap((info) => children(info, 'SignatureMethod'))
      .map((method) => method.getAttribute('Algorithm') ?? ''),
    digestAlgorithms: signedInfo
      .flatMap((info) => path(info, 'Reference', 'DigestMethod'))
      .map((method) => method.getAttribute('Algorithm') ?? ''),
  };
}

const WEAK_ALGORITHM = /sha1$|md5$/i;

/** SHA-256 or stronger only: an IdP still signing with SHA-1 is refused. */
export const strongAlgorithms = (facts: AssertionFacts): boolean =>
  facts.signatureAlgorithms.length > 0 &&
  [...facts.signatureAlgorithms, ...facts.digestAlgorithms].every(
    (algorithm) => !WEAK_ALGORITHM.test(algorithm),
  );
