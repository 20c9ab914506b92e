export { AdminModule } from './admin.module';
export { ApiKeysController } from './api-keys.controller';
export { CreateApiKeyRequest } from './api-keys.schemas';
