import { z } from 'zod';
import { Role } from '@contingency/contracts';

export const CreateApiKeyRequest = z
  .strictObject({
    name: z.string().trim().min(1).max(100).describe('What the key is for, shown in lists'),
    roles: z
      .array(Role)
      .min(1, { error: 'give the key at least one role' })
      .describe('operator, approver, viewer, sre, admin or downstream'),
    principal: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .describe('The person or program the key acts for (four eyes compares it); a new identity if omitted'),
  })
  .describe('A new API key');
export type CreateApiKeyRequest = z.infer<typeof CreateApiKeyRequest>;

const keyFields = {
  id: z.uuid(),
  name: z.string(),
  principal: z.string(),
  prefix: z.string().describe('The part of the key after mck_ that identifies it in lists'),
  roles: z.array(Role),
};

export const CreatedApiKeyResponse = z
  .object({
    ...keyFields,
    key: z
      .string()
      .describe('The key itself: shown this once, never again; send it as Authorization: Bearer <key>'),
  })
  .describe('The new key');

const ApiKeySummaryResponse = z.object({
  ...keyFields,
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable().describe('Recorded at most once a minute'),
  revokedAt: z.iso.datetime().nullable(),
});

export const ApiKeyListResponse = z
  .object({ items: z.array(ApiKeySummaryResponse) })
  .describe('Every API key, revoked ones included; never a secret');

export const ErrorResponse = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
