import type { IdpUser } from './saml-identity-provider';

const escapeHtml = (value: string): string =>
  value.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

// No inline style or script: the strict CSP of every response would block them.
const BANNER = '<p role="alert"><strong>DEVELOPMENT IDENTITY PROVIDER — not for production</strong></p>';

function page(title: string, body: string): string {
  return (
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
    `<body>${BANNER}${body}</body></html>`
  );
}

/** The user picker: who to sign in as, and whether the login carries an MFA context. */
export function pickUserPage(
  users: readonly IdpUser[],
  samlRequest: string,
  relayState: string | undefined,
): string {
  const options = users
    .map(
      (user, i) =>
        `<label style="display:block"><input type="radio" name="user" value="${escapeHtml(user.nameId)}"${i === 0 ? ' checked' : ''}> ` +
        `${escapeHtml(user.nameId)} (${escapeHtml(user.groups.join(', '))})</label>`,
    )
    .join('');
  return page(
    'Development IdP: sign in',
    `<h1>Sign in as</h1><form method="post" action="sso">` +
      `<input type="hidden" name="SAMLRequest" value="${escapeHtml(samlRequest)}">` +
      (relayState !== undefined
        ? `<input type="hidden" name="RelayState" value="${escapeHtml(relayState)}">`
        : '') +
      `<fieldset><legend>User</legend>${options}</fieldset>` +
      `<p><label><input type="checkbox" name="mfa" value="on" checked> The login carries an MFA context ` +
      `(unchecked: the application asks for its own TOTP)</label></p>` +
      `<button type="submit">Sign in</button></form>`,
  );
}

/** The HTTP-POST binding: a form that posts the response to the SP's ACS. */
export function postResponsePage(
  acsUrl: string,
  samlResponse: string,
  relayState: string | undefined,
): string {
  return page(
    'Development IdP: signing in',
    `<form method="post" action="${escapeHtml(acsUrl)}">` +
      `<input type="hidden" name="SAMLResponse" value="${escapeHtml(samlResponse)}">` +
      (relayState !== undefined
        ? `<input type="hidden" name="RelayState" value="${escapeHtml(relayState)}">`
        : '') +
      `<button type="submit">Continue</button></form><script src="autosubmit.js"></script>`,
  );
}

/** Posts the response form on load (a script file of our own origin, as the CSP allows). */
export const AUTOSUBMIT_SCRIPT = 'document.forms[0].submit();\n';
