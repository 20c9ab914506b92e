import { api, withQuery } from './http';
import type {
  ApiKeySummary,
  AuditEntry,
  Batch,
  BatchStatus,
  Fund,
  Me,
  OpenAlertsPage,
  Page,
  Role,
  RowErrorView,
  Trade,
  TradeDetail,
  UnmatchedAck,
} from './types';

const V1 = '/api/v1';

export const authApi = {
  me: () => api.get<Me>('/auth/me'),
  logout: () => api.post<void>('/auth/logout'),
  verifyMfa: (code: string) => api.post<void>('/auth/mfa/verify', { code }),
  enrolMfa: () => api.post<{ qrDataUrl: string; secret: string; recoveryCodes: string[] }>('/auth/mfa/enrol'),
  /** Sign-in is a full-page navigation: the IdP round trip ends back on `returnTo`. */
  signInUrl: (returnTo: string) => withQuery('/auth/saml/login', { returnTo }),
};

export interface BatchFilters {
  status?: BatchStatus;
  uploadedBy?: string;
}

export const batchesApi = {
  /** Newest first, one keyset page. */
  list: (filters: BatchFilters, cursor?: string, limit = 50) =>
    api.get<Page<Batch>>(`${V1}/batches`, { ...filters, cursor, limit }),
  get: (id: string) => api.get<Batch>(`${V1}/batches/${id}`),
  errors: (id: string) => api.get<RowErrorView[]>(`${V1}/batches/${id}/errors`),
  errorsCsvUrl: (id: string) => `${V1}/batches/${id}/errors?format=csv`,
  approve: (id: string, comment?: string) =>
    api.post<Batch>(`${V1}/batches/${id}/approve`, { comment: comment || undefined }),
  reject: (id: string, comment?: string) =>
    api.post<Batch>(`${V1}/batches/${id}/reject`, { comment: comment || undefined }),
  uploadUrl: `${V1}/batches`,
};

export interface TradeFilters {
  batchId?: string;
  status?: string;
  route?: string;
  fundIsin?: string;
  accountId?: string;
  clientRef?: string;
}

export const tradesApi = {
  list: (filters: TradeFilters, cursor?: string, limit = 100) =>
    api.get<Page<Trade>>(`${V1}/trades`, { ...filters, cursor, limit }),
  get: (id: string) => api.get<TradeDetail>(`${V1}/trades/${id}`),
  cancel: (id: string, reason?: string) =>
    api.post<Trade>(`${V1}/trades/${id}/cancel`, { reason: reason || undefined }),
  replay: (id: string) => api.post<Trade>(`${V1}/trades/${id}/replay`),
  resolve: (id: string, outcome: 'RECEIVED' | 'NOT_RECEIVED', reason: string) =>
    api.post<Trade>(`${V1}/trades/${id}/resolve`, { outcome, reason }),
};

export const alertsApi = {
  /** Every alert still open, most urgent first (at most 500: the API's limit). */
  open: () => api.get<OpenAlertsPage>(`${V1}/alerts`, { limit: 500 }),
};

export const acksApi = {
  unmatched: () => api.get<Page<UnmatchedAck> & { total: number }>(`${V1}/acks/unmatched`, { limit: 100 }),
};

export const reportsApi = {
  handbackUrl: (from: string, to: string | undefined, format: 'csv' | 'json') =>
    withQuery(`${V1}/reports/handback`, { from, to, format }),
  funds: () => api.get<{ items: Fund[] }>(`${V1}/reference/funds`),
  replaceFunds: (csv: string) => api.put<{ count: number }>(`${V1}/reference/funds`, csv, 'text/csv'),
  apiKeys: () => api.get<{ items: ApiKeySummary[] }>(`${V1}/admin/api-keys`),
  createApiKey: (name: string, roles: Role[], principal?: string) =>
    api.post<ApiKeySummary & { key: string }>(`${V1}/admin/api-keys`, {
      name,
      roles,
      principal: principal || undefined,
    }),
  revokeApiKey: (id: string) => api.delete<void>(`${V1}/admin/api-keys/${id}`),
  audit: (filters: Record<string, string | undefined>, cursor?: string) =>
    api.get<Page<AuditEntry>>(`${V1}/audit`, { ...filters, cursor, limit: 100 }),
};
