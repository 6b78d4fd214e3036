export interface HttpResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

type Payload = Record<string, unknown>;

/** Raw MLflow REST calls (what any MLflow client sends), for asserting exact statuses and shapes. */
export function mlflowHttp(base: string, token?: string, prefix = '/api/2.0/mlflow') {
  const auth: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  async function call<T>(method: string, path: string, payload?: Payload): Promise<HttpResult<T>> {
    let url = `${base}${prefix}${path}`;
    const init: RequestInit = { method, headers: { ...auth } };
    if (method === 'GET') {
      const q = new URLSearchParams();
      for (const [k, v] of Object.entries(payload ?? {})) {
        if (v === undefined) continue;
        for (const item of Array.isArray(v) ? v : [v]) q.append(k, String(item));
      }
      if ([...q].length) url += `?${q}`;
    } else if (payload !== undefined) {
      init.headers = { ...auth, 'content-type': 'application/json' };
      init.body = JSON.stringify(payload);
    }
    const res = await fetch(url, init);
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      // keep the text
    }
    return { status: res.status, body: body as T, headers: res.headers };
  }
  return {
    get: <T = any>(path: string, query?: Payload) => call<T>('GET', path, query),
    post: <T = any>(path: string, body?: Payload) => call<T>('POST', path, body ?? {}),
    patch: <T = any>(path: string, body?: Payload) => call<T>('PATCH', path, body ?? {}),
    del: <T = any>(path: string, body?: Payload) => call<T>('DELETE', path, body ?? {}),
  };
}

export type MlflowHttp = ReturnType<typeof mlflowHttp>;

/** Asserts MLflow's error shape and code. */
export function expectMlflowError(res: HttpResult, status: number, code: string): void {
  expect({ status: res.status, code: res.body?.error_code, hasMessage: typeof res.body?.message === 'string' }).toEqual({
    status,
    code,
    hasMessage: true,
  });
  expect(Object.keys(res.body).sort()).toEqual(['error_code', 'message']);
}

/** A fetch Response's JSON body, untyped (tests assert on its shape). */
export async function jsonOf(res: Response): Promise<any> {
  return res.json();
}
