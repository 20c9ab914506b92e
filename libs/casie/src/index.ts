export * from './casie-dispatch.service';
export * from './casie.client';
export * from './casie.module';
