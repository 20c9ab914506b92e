import { request } from 'node:http';
import { chromium, type Browser } from 'playwright-core';
import { type InProcessStandalone, startStandaloneInProcess } from './standalone-in-process';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** One answer's headers, asking with the Host given (fetch will not send a Host of our choosing). */
function headersOf(url: string, { host, auth }: { host?: string; auth?: string } = {}) {
  return new Promise<Record<string, string | string[] | undefined>>((resolve, reject) => {
    const req = request(url, {
      headers: { ...(host && { host }), ...(auth && { authorization: `Bearer ${auth}` }) },
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.headers);
    });
    req.on('error', reject);
    req.end();
  });
}

// The real composition: every answer of every route carries the security headers, errors included,
// and the OpenAPI UI still works under its own (scoped) policy.
describe('security headers', () => {
  let standalone: InProcessStandalone;
  let browser: Browser | undefined;

  beforeAll(async () => {
    standalone = await startStandaloneInProcess('security_headers');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await standalone?.stop();
  });

  it.each([
    ['/healthz', undefined],
    ['/metrics', undefined],
    ['/api/v1/batches/not-a-batch', undefined], // 401 without credentials
    ['/api/v1/trades', 'admin'],
    ['/api/v1/audit?limit=1', 'admin'],
    ['/api/v1/nowhere', 'admin'], // 404
    ['/api/docs-json', undefined],
  ])('%s carries a strict CSP, nosniff, no Referer, and HSTS off localhost', async (path, as) => {
    const auth = as ? standalone.adminKey : undefined;
    const local = await headersOf(`${standalone.url}${path}`, { auth });
    const remote = await headersOf(`${standalone.url}${path}`, { auth, host: 'contingency.example.com' });

    for (const headers of [local, remote]) {
      expect(headers['content-security-policy']).toContain("default-src 'self'");
      expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(headers['content-security-policy']).toContain("object-src 'none'");
      expect(headers['content-security-policy']).toContain("base-uri 'self'");
      expect(headers['content-security-policy']).toContain("form-action 'self'");
      expect(headers['content-security-policy']).toMatch(/style-src 'self'(;|$)/);
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['referrer-policy']).toBe('no-referrer');
      expect(headers['x-powered-by']).toBeUndefined();
    }
    expect(local['strict-transport-security']).toBeUndefined();
    expect(remote['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  it('documents the audit and resolve routes in OpenAPI', async () => {
    const document = (await (await fetch(`${standalone.url}/api/docs-json`)).json()) as {
      paths: Record<string, Record<string, { parameters?: Array<{ name: string }> }>>;
    };
    expect(document.paths['/api/v1/audit'].get.parameters?.map((p) => p.name)).toEqual([
      'actor',
      'action',
      'targetType',
      'targetId',
      'outcome',
      'from',
      'to',
      'limit',
      'cursor',
    ]);
    expect(document.paths['/api/v1/trades/{id}/resolve'].post).toBeDefined();
  });

  it('renders the OpenAPI UI in a browser without a single CSP violation', async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    await page.exposeFunction('reportViolation', (text: string) => violations.push(text));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { reportViolation: (t: string) => void }).reportViolation(
          `${e.violatedDirective} ${e.blockedURI}`,
        ),
      );
    });

    const res = await page.goto(`${standalone.url}/api/docs`);
    expect(res?.headers()['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
    await page.locator('.swagger-ui .info .title').waitFor({ timeout: 20_000 });
    await page.locator('.opblock-tag', { hasText: 'trades' }).first().waitFor();

    expect(await page.locator('.swagger-ui .info .title').innerText()).toContain('Mosaic Contingency API');
    expect(violations).toEqual([]);
  }, 60_000);
});
