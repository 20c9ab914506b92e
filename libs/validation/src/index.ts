export * from './validation.module';
export * from './validation.service';
