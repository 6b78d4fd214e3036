import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool, QueryResultRow } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * The pg pool under the TypeORM data source, for the few hot statements that are worth a named
 * prepared statement (parsed and planned once per connection). Everything else goes through TypeORM.
 */
@Injectable()
export class StorePool {
  private readonly pool: Pool;

  constructor(@InjectDataSource() dataSource: DataSource) {
    this.pool = (dataSource.driver as PostgresDriver).master as Pool;
  }

  async prepared<R extends QueryResultRow>(name: string, text: string, values: unknown[]): Promise<R[]> {
    const res = await this.pool.query<R>({ name, text, values });
    return res.rows;
  }
}
