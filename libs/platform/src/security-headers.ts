import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';

export interface SecurityHeadersOptions {
  /** Origins a form may be posted to besides our own (the IdP's SSO endpoint, for SAML POST binding). */
  formActionOrigins?: readonly string[];
}

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

const YEAR_SECONDS = 365 * 24 * 60 * 60;
const DOCS_PATH = /^\/api\/docs(\/|$)/;
// On a plain-HTTP laptop address HSTS means nothing (browsers ignore it over HTTP) and would only pin
// localhost to HTTPS for every other local project if ever seen over TLS.
const LOCAL_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\]|::1)$|\.localhost$/i;

/**
 * The response headers of every HTTP answer of every service: a strict CSP (only our own scripts,
 * styles and connections; never framed; no plugins; forms only to us and the IdP), HSTS for a year
 * with subdomains, nosniff and no Referer. The OpenAPI UI at /api/docs alone may use inline styles,
 * which Swagger UI needs; it still runs only its own scripts.
 */
export function securityHeaders({ formActionOrigins = [] }: SecurityHeadersOptions = {}): Middleware {
  const directives = {
    defaultSrc: ["'self'"],
    baseUri: ["'self'"],
    connectSrc: ["'self'"],
    fontSrc: ["'self'"],
    formAction: ["'self'", ...formActionOrigins],
    frameAncestors: ["'none'"],
    // data: images for the TOTP enrolment QR code; an image cannot run script.
    imgSrc: ["'self'", 'data:'],
    objectSrc: ["'none'"],
    scriptSrc: ["'self'"],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'"],
    upgradeInsecureRequests: null,
  };
  const common: HelmetOptions = {
    strictTransportSecurity: false, // per request, below
    referrerPolicy: { policy: 'no-referrer' },
    xContentTypeOptions: true,
    xFrameOptions: { action: 'deny' },
  };
  const strict = helmet({ ...common, contentSecurityPolicy: { useDefaults: false, directives } });
  const docs = helmet({
    ...common,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        ...directives,
        styleSrc: ["'self'", "'unsafe-inline'"],
      },
    },
  });
  const hsts = helmet.strictTransportSecurity({ maxAge: YEAR_SECONDS, includeSubDomains: true });

  return (req, res, next) => {
    const path = (req.url ?? '/').split('?')[0];
    (DOCS_PATH.test(path) ? docs : strict)(req, res, (error?: unknown) => {
      if (error !== undefined) return next(error);
      if (LOCAL_HOST.test(hostOf(req))) return next();
      hsts(req, res, next);
    });
  };
}

function hostOf(req: IncomingMessage): string {
  const host = req.headers.host ?? '';
  // Drop the port; keep an IPv6 literal's brackets.
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0];
}
