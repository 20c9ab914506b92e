import type { DataSource } from 'typeorm';

/** Rows of any statement: TypeORM's plain query() answers UPDATE ... RETURNING as [rows, count]. */
export async function queryRows<R>(dataSource: DataSource, sql: string, params: unknown[]): Promise<R[]> {
  const runner = dataSource.createQueryRunner();
  try {
    const result = await runner.query(sql, params, true);
    return (result.records ?? []) as R[];
  } finally {
    await runner.release();
  }
}
