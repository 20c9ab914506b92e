import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Logger } from 'winston';
import { ROLES, type Role } from '@contingency/contracts';
import { ApiKeyEntity, AuditLog, NotFoundError } from '@contingency/ledger';
import { LOGGER } from '@contingency/observability';
import { apiKeyPrefix, generateApiKey, hashApiKey, isPlausibleApiKey, sameDigest } from './api-key';
import type { Principal } from './principal';

export const API_KEY_AUDIT_ACTIONS = {
  created: 'API_KEY_CREATED',
  revoked: 'API_KEY_REVOKED',
  bootstrapped: 'API_KEY_BOOTSTRAPPED',
} as const;

export const BOOTSTRAP_ADMIN_PRINCIPAL = 'bootstrap-admin';
const SYSTEM_ACTOR = 'system';

export interface NewApiKey {
  name: string;
  roles: readonly Role[];
  /** The person or program the key acts for (four eyes compares it); a key of its own when omitted. */
  principal?: string;
  /** The principal id of whoever creates it. */
  createdBy: string;
  sourceIp?: string;
}

export interface ApiKeySummary {
  id: string;
  name: string;
  principal: string;
  prefix: string;
  roles: Role[];
  createdBy: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface CreatedApiKey {
  id: string;
  /** Shown once to the caller; only its hash is stored. */
  key: string;
  name: string;
  principal: string;
  prefix: string;
  roles: Role[];
}

interface KeyRow {
  id: string;
  name: string;
  principal: string;
  key_hash: string;
  roles: string[];
  revoked: boolean;
  stale: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** API keys for programs: created, verified, listed and revoked here; every change is audited. */
@Injectable()
export class ApiKeyStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async create({ name, roles, principal, createdBy, sourceIp }: NewApiKey): Promise<CreatedApiKey> {
    if (roles.length === 0) throw new Error('an API key needs at least one role');
    const { key, prefix, hash } = generateApiKey();
    const id = randomUUID();
    const owner = principal ?? `api-key:${id}`;
    const uniqueRoles = [...new Set(roles)];
    await this.dataSource.transaction(async (tx) => {
      await tx.insert(ApiKeyEntity, {
        id,
        name,
        principal: owner,
        keyPrefix: prefix,
        keyHash: hash,
        roles: uniqueRoles,
        createdBy,
      });
      await this.audit.record(tx, {
        actor: createdBy,
        action: API_KEY_AUDIT_ACTIONS.created,
        outcome: 'SUCCESS',
        targetType: 'api_key',
        targetId: id,
        sourceIp,
        details: { name, principal: owner, roles: uniqueRoles, prefix },
      });
    });
    this.logger.info(`API key ${id} (${prefix}) created for ${owner} by ${createdBy}`, { context: 'auth' });
    return { id, key, name, principal: owner, prefix, roles: uniqueRoles };
  }

  /** The principal behind a key, or null when it is malformed, unknown or revoked. */
  async verify(key: string): Promise<Principal | null> {
    if (!isPlausibleApiKey(key)) return null;
    const hash = hashApiKey(key);
    const [row] = await this.dataSource.query<KeyRow[]>(
      `SELECT id, name, principal, key_hash, roles, revoked_at IS NOT NULL AS revoked,
              (last_used_at IS NULL OR last_used_at < now() - interval '1 minute') AS stale
         FROM api_keys WHERE key_hash = $1`,
      [hash],
    );
    // The lookup is by a digest the caller cannot steer; the comparison is constant-time all the same.
    if (!row || !sameDigest(row.key_hash, hash) || row.revoked) return null;
    if (row.stale) await this.touch(row.id);
    return {
      id: row.principal,
      displayName: row.name,
      kind: 'api-key',
      roles: row.roles.filter(isRole),
      credentialId: row.id,
    };
  }

  /** Idempotent: revoking a revoked key changes nothing; an unknown id is a NotFoundError. */
  async revoke(id: string, by: string, sourceIp?: string): Promise<void> {
    if (!UUID.test(id)) throw new NotFoundError('api key', id);
    const revoked = await this.dataSource.transaction(async (tx) => {
      const [row] = await records<{ name: string; principal: string; key_prefix: string }>(
        tx,
        `UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL
         RETURNING name, principal, key_prefix`,
        [id],
      );
      if (!row) {
        if (!(await tx.existsBy(ApiKeyEntity, { id }))) throw new NotFoundError('api key', id);
        return false;
      }
      await this.audit.record(tx, {
        actor: by,
        action: API_KEY_AUDIT_ACTIONS.revoked,
        outcome: 'SUCCESS',
        targetType: 'api_key',
        targetId: id,
        sourceIp,
        details: { name: row.name, principal: row.principal, prefix: row.key_prefix },
      });
      return true;
    });
    if (revoked) this.logger.info(`API key ${id} revoked by ${by}`, { context: 'auth' });
  }

  async list(): Promise<ApiKeySummary[]> {
    const rows = await this.dataSource.manager.find(ApiKeyEntity, { order: { createdAt: 'ASC', id: 'ASC' } });
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      principal: row.principal,
      prefix: row.keyPrefix,
      roles: row.roles,
      createdBy: row.createdBy,
      createdAt: row.createdAt,
      lastUsedAt: row.lastUsedAt,
      revokedAt: row.revokedAt,
    }));
  }

  /**
   * Makes sure an admin key with exactly this secret exists. The unique key_hash makes it idempotent
   * across restarts and safe when several instances start at once: one insert wins, the rest do nothing.
   * A bootstrap key someone revoked stays revoked (a new secret bootstraps again).
   */
  async ensureBootstrapAdmin(secret: string): Promise<{ id: string; created: boolean }> {
    if (!isPlausibleApiKey(secret)) {
      throw new Error('CONTINGENCY_BOOTSTRAP_ADMIN_KEY must be 32 to 512 visible ASCII characters');
    }
    const hash = hashApiKey(secret);
    const prefix = apiKeyPrefix(secret) ?? 'bootstrap';
    const roles: Role[] = ['admin'];
    const name = 'bootstrap admin';
    const inserted = await this.dataSource.transaction(async (tx) => {
      const [row] = await records<{ id: string }>(
        tx,
        `INSERT INTO api_keys (id, name, principal, key_prefix, key_hash, roles, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (key_hash) DO NOTHING RETURNING id`,
        [randomUUID(), name, BOOTSTRAP_ADMIN_PRINCIPAL, prefix, hash, roles, SYSTEM_ACTOR],
      );
      if (row) {
        await this.audit.record(tx, {
          actor: SYSTEM_ACTOR,
          action: API_KEY_AUDIT_ACTIONS.bootstrapped,
          outcome: 'SUCCESS',
          targetType: 'api_key',
          targetId: row.id,
          details: { name, principal: BOOTSTRAP_ADMIN_PRINCIPAL, roles, prefix },
        });
      }
      return row;
    });
    if (inserted) {
      this.logger.info(`bootstrap admin API key ${inserted.id} created`, { context: 'auth' });
      return { id: inserted.id, created: true };
    }
    const existing = await this.dataSource.manager.findOneByOrFail(ApiKeyEntity, { keyHash: hash });
    if (existing.revokedAt) {
      this.logger.warn(
        `the bootstrap admin API key ${existing.id} was revoked; set a new CONTINGENCY_BOOTSTRAP_ADMIN_KEY to bootstrap again`,
        { context: 'auth' },
      );
    }
    return { id: existing.id, created: false };
  }

  // Bookkeeping only: a failed write must not turn a valid key away.
  private async touch(id: string): Promise<void> {
    try {
      await this.dataSource.query(
        `UPDATE api_keys SET last_used_at = now()
          WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
        [id],
      );
    } catch (error) {
      this.logger.warn(`could not record the use of API key ${id}`, { context: 'auth', error });
    }
  }
}

const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

async function records<R>(tx: EntityManager, sql: string, params: unknown[]): Promise<R[]> {
  const result = await tx.queryRunner!.query(sql, params, true);
  return (result.records ?? []) as R[];
}
