export * from './calastone.module';
export * from './channel/calastone-channel';
