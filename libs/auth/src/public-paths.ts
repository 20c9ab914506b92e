// Routes whose controllers live in other libraries (observability, Swagger) and declare nothing:
// public by path. Anything that declares @Roles or @Public is judged by its declaration instead.
const PUBLIC_PATHS = new Set(['/healthz', '/readyz', '/metrics', '/api/docs', '/api/docs-json']);
const PUBLIC_PREFIXES = ['/api/docs/'];

export function isPublicPath(path: string): boolean {
  const normalised = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  return PUBLIC_PATHS.has(normalised) || PUBLIC_PREFIXES.some((prefix) => path.startsWith(prefix));
}
