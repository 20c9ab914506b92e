import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { pingLedger } from '@contingency/ledger';
import { HealthRegistry } from '@contingency/observability';

/** Readiness includes the ledger: a process that cannot reach its database must not take traffic. */
@Injectable()
export class LedgerHealth implements OnModuleInit {
  constructor(
    private readonly health: HealthRegistry,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.health.register('ledger', () => pingLedger(this.dataSource), { readiness: true });
  }
}
