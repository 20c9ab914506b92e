export * from './calastone.module';
export * from './calastone.options';
export * from './channel/calastone-channel';
export { setrDocumentFor } from './setr-document';
export * from './channel/create-channel';
export * from './channel/local-folder.channel';
export * from './channel/sftp.channel';
