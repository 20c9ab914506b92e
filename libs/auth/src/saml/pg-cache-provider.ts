import type { CacheItem, CacheProvider } from '@node-saml/passport-saml';
import type { DataSource } from 'typeorm';
import { queryRows } from '@contingency/ledger';

/**
 * passport-saml's request cache (the AuthnRequest ids awaiting their response) in PostgreSQL, so that a
 * response is checked against the request whichever instance sent it. Entries older than `ttlMs` count
 * as absent and are swept on each save.
 */
export class PostgresCacheProvider implements CacheProvider {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ttlMs: number,
  ) {}

  async saveAsync(key: string, value: string): Promise<CacheItem | null> {
    await this.dataSource.query(
      `DELETE FROM saml_requests WHERE created_at < now() - make_interval(secs => $1::double precision / 1000)`,
      [this.ttlMs],
    );
    const rows = await queryRows<{ created_at: Date }>(
      this.dataSource.manager,
      `INSERT INTO saml_requests (id, value) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING RETURNING created_at`,
      [key, value],
    );
    return rows[0] ? { value, createdAt: new Date(rows[0].created_at).getTime() } : null;
  }

  async getAsync(key: string): Promise<string | null> {
    const rows = await this.dataSource.query<Array<{ value: string }>>(
      `SELECT value FROM saml_requests
        WHERE id = $1 AND created_at >= now() - make_interval(secs => $2::double precision / 1000)`,
      [key, this.ttlMs],
    );
    return rows[0]?.value ?? null;
  }

  async removeAsync(key: string | null): Promise<string | null> {
    if (key === null) return null;
    const rows = await queryRows<{ value: string }>(
      this.dataSource.manager,
      `DELETE FROM saml_requests WHERE id = $1 RETURNING value`,
      [key],
    );
    return rows[0]?.value ?? null;
  }
}
