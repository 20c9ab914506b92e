import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { ApiKeyStore } from './api-key.store';

export const BOOTSTRAP_ADMIN_KEY = Symbol('BOOTSTRAP_ADMIN_KEY');

/** How a fresh install gets its first admin: CONTINGENCY_BOOTSTRAP_ADMIN_KEY, ensured before listening. */
@Injectable()
export class BootstrapAdmin implements OnModuleInit {
  constructor(
    private readonly keys: ApiKeyStore,
    @Inject(BOOTSTRAP_ADMIN_KEY) private readonly secret: string | undefined,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.secret !== undefined) await this.keys.ensureBootstrapAdmin(this.secret);
  }
}
