import type { EntityManager } from 'typeorm';

/** The rows of a statement whatever its command (TypeORM shapes UPDATE ... RETURNING results differently). */
export async function rawRows<R>(manager: EntityManager, sql: string, params: unknown[] = []): Promise<R[]> {
  const runner = manager.queryRunner;
  if (!runner) return manager.query<R[]>(sql, params);
  const result = await runner.query(sql, params, true);
  return (result.records ?? []) as R[];
}

/** A PostgreSQL unique violation on the named constraint or index. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } }).driverError;
  return driverError?.code === '23505' && driverError.constraint === constraint;
}
