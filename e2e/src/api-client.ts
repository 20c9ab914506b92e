/** A tiny client of the REST API for end-to-end tests: JSON in, JSON out, the status kept. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly key?: string,
  ) {}

  as(key: string): ApiClient {
    return new ApiClient(this.baseUrl, key);
  }

  async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> {
    const headers: Record<string, string> = this.key ? { authorization: `Bearer ${this.key}` } : {};
    let payload: FormData | string | undefined;
    if (body instanceof FormData || typeof body === 'string') payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body: payload });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  upload(fileName: string, content: string) {
    const form = new FormData();
    form.append('file', new Blob([content], { type: 'text/csv' }), fileName);
    return this.request<{ id: string; status: string }>('POST', '/api/v1/batches', form);
  }
}
