import { Body, Controller, Delete, Get, HttpCode, Ip, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  ApiKeyStore,
  CurrentPrincipal,
  Roles,
  type ApiKeySummary,
  type CreatedApiKey,
  type Principal,
} from '@contingency/auth';
import { openApiSchema } from '../http/openapi';
import { ZodPipe } from '../http/zod-body.pipe';
import {
  ApiKeyListResponse,
  CreateApiKeyRequest,
  CreatedApiKeyResponse,
  ErrorResponse,
} from './api-keys.schemas';

const error = openApiSchema(ErrorResponse);

/** API keys for programs; the admin role only. */
@ApiTags('admin')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'No or bad credentials', schema: error })
@ApiResponse({ status: 403, description: 'Not an admin', schema: error })
@Roles('admin')
@Controller('admin/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeyStore) {}

  @Post()
  @ApiOperation({ summary: 'Create an API key; the key is in this answer only' })
  @ApiBody({ schema: openApiSchema(CreateApiKeyRequest) })
  @ApiResponse({ status: 201, schema: openApiSchema(CreatedApiKeyResponse) })
  @ApiResponse({ status: 400, description: 'Invalid request', schema: error })
  create(
    @Body(new ZodPipe(CreateApiKeyRequest)) body: CreateApiKeyRequest,
    @CurrentPrincipal() admin: Principal,
    @Ip() sourceIp: string,
  ): Promise<CreatedApiKey> {
    return this.keys.create({ ...body, createdBy: admin.id, sourceIp });
  }

  @Get()
  @ApiOperation({ summary: 'List API keys, without secrets' })
  @ApiResponse({ status: 200, schema: openApiSchema(ApiKeyListResponse) })
  async list(): Promise<{ items: ApiKeySummary[] }> {
    return { items: await this.keys.list() };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an API key (idempotent)' })
  @ApiResponse({ status: 204, description: 'Revoked' })
  @ApiResponse({ status: 404, description: 'No such key', schema: error })
  revoke(
    @Param('id') id: string,
    @CurrentPrincipal() admin: Principal,
    @Ip() sourceIp: string,
  ): Promise<void> {
    return this.keys.revoke(id, admin.id, sourceIp);
  }
}
