import { routeTemplate, UNMATCHED_ROUTE } from './http-metrics.middleware';
import type { HttpRequest } from './http.types';

const req = (fields: Partial<HttpRequest>): HttpRequest => fields as HttpRequest;

describe(routeTemplate.name, () => {
  it('joins the mount path and the matched route template', () => {
    expect(routeTemplate(req({ baseUrl: '', route: { path: '/api/v1/batches/:id' } }))).toBe(
      '/api/v1/batches/:id',
    );
    expect(routeTemplate(req({ baseUrl: '/sim', route: { path: '/casie/orders/' } }))).toBe(
      '/sim/casie/orders',
    );
    expect(routeTemplate(req({ baseUrl: '', route: { path: '/' } }))).toBe('/');
  });

  it('says unmatched when no route matched, never the raw URL', () => {
    expect(routeTemplate(req({ url: '/api/v1/batches/123' }))).toBe(UNMATCHED_ROUTE);
    // Nest's own 404 handler under the global prefix.
    expect(routeTemplate(req({ baseUrl: '/api/v1', route: { path: '*path' } }))).toBe(UNMATCHED_ROUTE);
    expect(routeTemplate(req({ route: { path: /regex/ } }))).toBe(UNMATCHED_ROUTE);
  });
});
