import { createPrivateKey, X509Certificate } from 'node:crypto';
import { certificateBody, selfSignedCertificate } from './self-signed-certificate';

describe(selfSignedCertificate.name, () => {
  it('makes a certificate that OpenSSL parses, self-signed with SHA-256, valid for the years asked', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const { certificatePem, privateKeyPem } = selfSignedCertificate('dev idp', 10, now);
    const cert = new X509Certificate(Buffer.from(certificateBody(certificatePem), 'base64'));
    expect(cert.subject).toBe('CN=dev idp');
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.checkPrivateKey(createPrivateKey(privateKeyPem))).toBe(true);
    expect(new Date(cert.validTo).getUTCFullYear()).toBe(2036);
    expect(cert.publicKey.asymmetricKeyType).toBe('rsa');
  });
});
