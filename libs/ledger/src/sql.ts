import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

// Internal helpers for the few statements TypeORM's API cannot express (multi-row inserts with casts,
// conditional updates with RETURNING). Not exported from the library.

/** Postgres allows 65535 bind parameters; 1000 rows keeps every statement far below it. */
export const MAX_ROWS_PER_INSERT = 1000;

export function chunk<T>(items: readonly T[], size = MAX_ROWS_PER_INSERT): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/**
 * `($1, $2::jsonb), ($3, $4::jsonb)` for rows of the given per-column placeholders, where each template
 * uses `?` for the parameter (e.g. `?::jsonb`, `COALESCE(?::timestamptz, now())`).
 */
export function valuesList(rowCount: number, templates: readonly string[]): string {
  const rows: string[] = [];
  let n = 0;
  for (let r = 0; r < rowCount; r++) {
    rows.push(`(${templates.map((t) => (t.includes('?') ? t.replace('?', `$${++n}`) : t)).join(', ')})`);
  }
  return rows.join(', ');
}

/** JSON for a jsonb parameter: pg would send a JS array as a Postgres array, not as JSON. */
export const json = (value: unknown): string => JSON.stringify(value ?? null);

/** Runs a statement and returns its rows whatever the command (TypeORM shapes UPDATE results differently). */
export async function queryRows<R = Record<string, unknown>>(
  manager: EntityManager,
  sql: string,
  params: unknown[] = [],
): Promise<R[]> {
  const runner = manager.queryRunner ?? manager.dataSource.createQueryRunner();
  try {
    const result = await runner.query(sql, params, true);
    return (result.records ?? []) as R[];
  } finally {
    if (runner !== manager.queryRunner) await runner.release();
  }
}

/** Turns a raw `RETURNING *` / `SELECT *` row into an entity, converting values as TypeORM's finders do. */
export function hydrate<E extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<E>,
  row: object,
): E {
  const metadata = manager.dataSource.getMetadata(target);
  const driver = manager.dataSource.driver;
  const entity = metadata.create() as Record<string, unknown>;
  const raw = row as Record<string, unknown>;
  for (const column of metadata.columns) {
    if (column.databaseName in raw) {
      entity[column.propertyName] = driver.prepareHydratedValue(raw[column.databaseName], column);
    }
  }
  return entity as E;
}

/** Ledger writes must share the caller's transaction, or the state change and its message could part. */
export function requireTransaction(tx: EntityManager, what: string): void {
  if (!tx.queryRunner?.isTransactionActive) {
    throw new Error(`${what} must run inside the caller's transaction (dataSource.transaction(tx => ...))`);
  }
}
