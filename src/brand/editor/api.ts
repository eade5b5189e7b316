import type { z } from 'zod';
import type { certificationsInput, labelFactsInput, restoreInput, saveDesignInput } from '#server/branding/schemas.ts';
import type {
  CertificationsResponse,
  DesignImageResponse,
  DesignVersionResponse,
  DesignVersionsResponse,
  LabelFactsResponse,
  RestoreDesignResponse,
} from '#server/branding/responses.ts';
import type { Msg } from './messages.ts';

/**
 * The studio's client for the shop's brand API. Request types come from the route's zod body, response types from
 * the route's declared response schema (server/branding/responses.ts), which the HTTP tests check every answer
 * against (type-only imports: nothing of the server reaches the browser bundle).
 */
export type SavedDesign = DesignVersionResponse;
export type DesignVersions = DesignVersionsResponse;
export type RestoredDesign = RestoreDesignResponse;
export type SavedLabelFacts = LabelFactsResponse;
export type SavedCertifications = CertificationsResponse;
export type UploadedImage = DesignImageResponse;

/** A refused request: the server's message (already in the user's language) and its field messages. */
export class ApiError extends Error {
  readonly fields: Record<string, string[]>;
  constructor(message: string, fields: Record<string, string[]> = {}) {
    super(message);
    this.fields = fields;
  }
  /** The message and every field message, for one line under a form. */
  get text(): string {
    return [this.message, ...Object.values(this.fields).flat()].join(' ');
  }
}

export class StudioApi {
  private readonly base: string;
  private readonly msg: Msg;
  /** `msg` words the failures the server did not word itself (no connection, an answer without a message). */
  constructor(shopSlug: string, msg: Msg) {
    this.base = `/api/v1/shops/${shopSlug}`;
    this.msg = msg;
  }

  saveDesign(designId: string, body: z.input<typeof saveDesignInput>): Promise<SavedDesign> {
    return this.call(`/designs/${designId}`, { method: 'PUT', json: body });
  }
  versions(designId: string): Promise<DesignVersions> {
    return this.call(`/designs/${designId}/versions`);
  }
  restore(designId: string, body: z.input<typeof restoreInput>): Promise<RestoredDesign> {
    return this.call(`/designs/${designId}/restore`, { method: 'POST', json: body });
  }
  saveLabelFacts(productId: string, body: Partial<z.input<typeof labelFactsInput>>): Promise<SavedLabelFacts> {
    return this.call(`/label-facts/${productId}`, { method: 'PUT', json: body });
  }
  saveCertifications(body: Partial<z.input<typeof certificationsInput>>): Promise<SavedCertifications> {
    return this.call('/certifications', { method: 'PUT', json: body });
  }
  uploadImage(file: File): Promise<UploadedImage> {
    const fd = new FormData();
    fd.append('file', file);
    return this.call('/design-images', { method: 'POST', body: fd });
  }

  private async call<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
    const headers: Record<string, string> = {};
    let body = init.body;
    if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    }
    let r: Response;
    try {
      r = await fetch(this.base + path, { ...init, headers, body, credentials: 'same-origin' });
    } catch {
      throw new ApiError(this.msg('brand.offline'));
    }
    const data = (await r.json().catch(() => ({}))) as { error?: { message: string; fields?: Record<string, string[]> } };
    if (!r.ok) throw new ApiError(data.error?.message ?? this.msg('brand.requestFailed', { status: r.status }), data.error?.fields ?? {});
    return data as T;
  }
}
