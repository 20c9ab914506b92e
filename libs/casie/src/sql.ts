import type { EntityManager } from 'typeorm';

/** Rows of any statement (TypeORM shapes UPDATE ... RETURNING differently from SELECT). */
export async function queryRows<R>(
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
