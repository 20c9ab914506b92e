import { Writable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { createLogger, format, transports, type Logger } from 'winston';
import { AuditLog, createLedgerDataSource, NotFoundError } from '@contingency/ledger';
import { createTestDatabase } from '@contingency/testing';
import { API_KEY_AUDIT_ACTIONS, ApiKeyStore, BOOTSTRAP_ADMIN_PRINCIPAL } from './api-key.store';
import { hashApiKey } from './api-key';

function captureLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return {
    logger: createLogger({ format: format.json(), transports: [new transports.Stream({ stream })] }),
    lines,
  };
}

describe(ApiKeyStore.name, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let sut: ApiKeyStore;
  let lines: string[];

  beforeAll(async () => {
    db = await createTestDatabase('api_key_store');
  });

  beforeEach(() => {
    const captured = captureLogger();
    lines = captured.lines;
    sut = new ApiKeyStore(db.dataSource, new AuditLog(), captured.logger);
  });

  afterAll(async () => {
    await db?.drop();
  });

  const row = async (id: string) =>
    (
      await db.dataSource.query<Array<Record<string, unknown>>>('SELECT * FROM api_keys WHERE id = $1', [id])
    )[0];
  const auditOf = (id: string) =>
    db.dataSource.query<Array<Record<string, unknown>>>(
      'SELECT * FROM audit_log WHERE target_id = $1 ORDER BY id',
      [id],
    );

  describe('create', () => {
    it('stores the SHA-256 and the prefix, returns the key once, and audits without the secret', async () => {
      const created = await sut.create({
        name: 'batch uploader',
        roles: ['operator', 'operator', 'viewer'],
        principal: 'olivia@example.com',
        createdBy: 'adam@example.com',
        sourceIp: '10.1.2.3',
      });

      expect(created).toEqual({
        id: expect.any(String),
        key: expect.stringMatching(/^mck_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/),
        name: 'batch uploader',
        principal: 'olivia@example.com',
        prefix: created.key.slice(4, 12),
        roles: ['operator', 'viewer'],
      });
      const stored = await row(created.id);
      expect(stored).toMatchObject({
        key_hash: hashApiKey(created.key),
        key_prefix: created.prefix,
        principal: 'olivia@example.com',
        created_by: 'adam@example.com',
        roles: ['operator', 'viewer'],
        revoked_at: null,
      });
      expect(JSON.stringify(stored)).not.toContain(created.key.slice(13));

      const audit = await auditOf(created.id);
      expect(audit).toEqual([
        expect.objectContaining({
          actor: 'adam@example.com',
          action: API_KEY_AUDIT_ACTIONS.created,
          outcome: 'SUCCESS',
          target_type: 'api_key',
          source_ip: '10.1.2.3',
        }),
      ]);
      expect(JSON.stringify(audit)).not.toContain(created.key.slice(13));
      expect(lines.join('')).not.toContain(created.key.slice(13));
    });

    it('gives a key without a principal an identity of its own', async () => {
      const created = await sut.create({ name: 'casie poller', roles: ['downstream'], createdBy: 'adam' });
      expect(created.principal).toBe(`api-key:${created.id}`);
    });

    it('refuses a key without roles', async () => {
      await expect(sut.create({ name: 'nothing', roles: [], createdBy: 'adam' })).rejects.toThrow(
        /at least one role/,
      );
    });
  });

  describe('verify', () => {
    it('returns the principal behind a live key', async () => {
      const { id, key } = await sut.create({
        name: 'uploader',
        roles: ['operator'],
        principal: 'olivia',
        createdBy: 'adam',
      });
      await expect(sut.verify(key)).resolves.toEqual({
        id: 'olivia',
        displayName: 'uploader',
        kind: 'api-key',
        roles: ['operator'],
        credentialId: id,
      });
    });

    it.each([
      ['an unknown key', `mck_00000000_${'u'.repeat(43)}`],
      ['a short string', 'mck_short'],
      ['a key with a space', `mck_00000000_${'u'.repeat(20)} ${'u'.repeat(22)}`],
      ['empty', ''],
    ])('returns null for %s', async (_label, key) => {
      await expect(sut.verify(key)).resolves.toBeNull();
    });

    it('returns null for a revoked key', async () => {
      const { id, key } = await sut.create({ name: 'leaked', roles: ['admin'], createdBy: 'adam' });
      await sut.revoke(id, 'adam');
      await expect(sut.verify(key)).resolves.toBeNull();
    });

    it('records the last use at most once a minute', async () => {
      const { id, key } = await sut.create({ name: 'busy', roles: ['viewer'], createdBy: 'adam' });
      expect((await row(id)).last_used_at).toBeNull();

      await sut.verify(key);
      const first = (await row(id)).last_used_at as Date;
      expect(first).toBeInstanceOf(Date);
      await sut.verify(key);
      expect((await row(id)).last_used_at).toEqual(first);

      await db.dataSource.query(
        `UPDATE api_keys SET last_used_at = now() - interval '61 seconds' WHERE id = $1`,
        [id],
      );
      const before = (await row(id)).last_used_at as Date;
      await sut.verify(key);
      expect(((await row(id)).last_used_at as Date).getTime()).toBeGreaterThan(before.getTime());
    });
  });

  describe('revoke', () => {
    it('revokes once and audits once, however often it is asked', async () => {
      const { id } = await sut.create({ name: 'old', roles: ['viewer'], createdBy: 'adam' });
      await sut.revoke(id, 'alice', '10.9.9.9');
      const revokedAt = (await row(id)).revoked_at;
      await sut.revoke(id, 'bob');

      expect((await row(id)).revoked_at).toEqual(revokedAt);
      const audit = await auditOf(id);
      expect(audit.map((entry) => [entry.action, entry.actor, entry.source_ip])).toEqual([
        [API_KEY_AUDIT_ACTIONS.created, 'adam', null],
        [API_KEY_AUDIT_ACTIONS.revoked, 'alice', '10.9.9.9'],
      ]);
    });

    it.each([
      ['an unknown id', '00000000-0000-4000-8000-000000000000'],
      ['something that is not a uuid', 'not-a-uuid'],
    ])('answers NotFoundError for %s', async (_label, id) => {
      await expect(sut.revoke(id, 'adam')).rejects.toBeInstanceOf(NotFoundError);
    });
  });

  describe('list', () => {
    it('lists every key, revoked ones included, without secrets or hashes', async () => {
      const { id, key } = await sut.create({
        name: 'listed',
        roles: ['sre'],
        principal: 'sue',
        createdBy: 'adam',
      });
      const listed = await sut.list();
      expect(listed.find((k) => k.id === id)).toEqual({
        id,
        name: 'listed',
        principal: 'sue',
        prefix: key.slice(4, 12),
        roles: ['sre'],
        createdBy: 'adam',
        createdAt: expect.any(Date),
        lastUsedAt: null,
        revokedAt: null,
      });
      const text = JSON.stringify(listed);
      expect(text).not.toContain(key.slice(13));
      expect(text).not.toContain(hashApiKey(key));
    });
  });

  describe('ensureBootstrapAdmin', () => {
    it('creates one admin key for the secret, even when several instances start at once', async () => {
      const secret = `bootstrap-${Math.random().toString(36).slice(2)}-${'s'.repeat(32)}`;
      const other: DataSource = createLedgerDataSource({ url: db.url, poolSize: 3 });
      await other.initialize();
      try {
        const stores = [
          sut,
          sut,
          new ApiKeyStore(other, new AuditLog(), captureLogger().logger),
          new ApiKeyStore(other, new AuditLog(), captureLogger().logger),
        ];
        const results = await Promise.all(stores.map((store) => store.ensureBootstrapAdmin(secret)));

        expect(results.filter((r) => r.created)).toHaveLength(1);
        expect(new Set(results.map((r) => r.id)).size).toBe(1);
        const id = results[0].id;
        expect(await row(id)).toMatchObject({
          key_hash: hashApiKey(secret),
          roles: ['admin'],
          principal: BOOTSTRAP_ADMIN_PRINCIPAL,
          created_by: 'system',
        });
        const audit = await auditOf(id);
        expect(audit).toEqual([
          expect.objectContaining({
            actor: 'system',
            action: API_KEY_AUDIT_ACTIONS.bootstrapped,
            outcome: 'SUCCESS',
          }),
        ]);
        expect(JSON.stringify(audit)).not.toContain(secret);
        await expect(sut.verify(secret)).resolves.toMatchObject({
          id: BOOTSTRAP_ADMIN_PRINCIPAL,
          roles: ['admin'],
        });

        // A restart: nothing new.
        await expect(sut.ensureBootstrapAdmin(secret)).resolves.toEqual({ id, created: false });
        expect(await auditOf(id)).toHaveLength(1);
      } finally {
        await other.destroy();
      }
    });

    it('leaves a revoked bootstrap key revoked and says how to bootstrap again', async () => {
      const secret = `revoked-${Math.random().toString(36).slice(2)}-${'s'.repeat(32)}`;
      const { id } = await sut.ensureBootstrapAdmin(secret);
      await sut.revoke(id, 'adam');

      await expect(sut.ensureBootstrapAdmin(secret)).resolves.toEqual({ id, created: false });
      await expect(sut.verify(secret)).resolves.toBeNull();
      expect(lines.join('')).toMatch(/was revoked; set a new CONTINGENCY_BOOTSTRAP_ADMIN_KEY/);
      expect(lines.join('')).not.toContain(secret);
    });

    it('uses the prefix of a secret in key format, and a neutral one for any other secret', async () => {
      const formatted = `mck_abcdef01_${'k'.repeat(43)}`;
      const { id } = await sut.ensureBootstrapAdmin(formatted);
      expect((await row(id)).key_prefix).toBe('abcdef01');
      const other = await sut.ensureBootstrapAdmin(`plain-${'p'.repeat(40)}`);
      expect((await row(other.id)).key_prefix).toBe('bootstrap');
    });

    it('refuses a secret shorter than 32 characters', async () => {
      await expect(sut.ensureBootstrapAdmin('too-short')).rejects.toThrow(/32 to 512/);
    });
  });
});
