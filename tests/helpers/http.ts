import { contractViolation } from './api-contract.ts';

/**
 * A tiny cookie-keeping client, one per simulated person. Sends Origin on every unsafe request like a
 * browser does (Astro's origin check rejects form posts without a matching one). Every JSON answer of a
 * declared API operation is checked against the route's declared schema (helpers/api-contract.ts).
 */
export class Client {
  cookies = new Map<string, string>();
  readonly base: string;
  constructor(base: string, opts: { lang?: 'id' | 'en' } = {}) {
    this.base = base;
    if (opts.lang) this.cookies.set('lang', opts.lang);
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(path: string, init: RequestInit & { json?: unknown; form?: Record<string, string> } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', this.cookieHeader());
    let body = init.body;
    if (init.json !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(init.json);
    }
    if (init.form) {
      headers.set('content-type', 'application/x-www-form-urlencoded');
      body = new URLSearchParams(init.form).toString();
    }
    const method = (init.method ?? (body ? 'POST' : 'GET')).toUpperCase();
    if (method !== 'GET' && method !== 'HEAD' && !headers.has('origin')) headers.set('origin', this.base);
    const res = await fetch(this.base + path, { ...init, method, headers, body, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i).trim();
      const value = pair!.slice(i + 1).trim();
      if (!value || /expires=Thu, 01 Jan 1970/i.test(c) || /max-age=0/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const type = res.headers.get('content-type');
    if (type?.includes('application/json') && method !== 'HEAD') {
      const body = await res
        .clone()
        .json()
        .catch(() => undefined);
      const problem = contractViolation(method, res.url || this.base + path, res.status, type, body);
      if (problem) throw new Error(`API contract: ${problem}`);
    }
    return res;
  }

  get(path: string) {
    return this.request(path);
  }
  post(path: string, json?: unknown) {
    return this.request(path, { method: 'POST', json });
  }
  form(path: string, form: Record<string, string>) {
    return this.request(path, { method: 'POST', form });
  }

  async signIn(identifier: string, password: string): Promise<void> {
    const r = await this.post('/api/v1/session', { identifier, password });
    if (r.status !== 201) throw new Error(`sign-in failed for ${identifier}: ${r.status} ${await r.text()}`);
  }
}

/** A multipart form body with fields and (image) files, as a browser sends a form with a file input. */
export function multipart(
  fields: Record<string, string>,
  files: { field?: string; data: Buffer; name?: string; type?: string }[] = [],
): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  for (const f of files)
    fd.append(f.field ?? 'file', new Blob([new Uint8Array(f.data)], { type: f.type ?? 'image/jpeg' }), f.name ?? 'foto.jpg');
  return fd;
}
