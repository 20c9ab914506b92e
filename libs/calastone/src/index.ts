export * from './calastone.module';
