import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLog, type AuditEntry } from '@contingency/ledger';

export const LOGIN_AUDIT_ACTIONS = {
  loginSucceeded: 'LOGIN_SUCCEEDED',
  loginFailed: 'LOGIN_FAILED',
  logout: 'LOGOUT',
  logoutFailed: 'LOGOUT_FAILED',
  totpEnrolled: 'MFA_TOTP_ENROLLED',
  mfaVerified: 'MFA_VERIFIED',
  mfaFailed: 'MFA_FAILED',
} as const;

/** Sign-in events in audit_log (never a secret, a code or a SAML message). */
@Injectable()
export class LoginAudit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
  ) {}

  record(entry: AuditEntry): Promise<void> {
    return this.audit.record(this.dataSource.manager, { targetType: 'session', ...entry });
  }
}
