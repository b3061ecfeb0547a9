/**
 * A small typed fetch client for /api. Sends the session cookie, adds the CSRF
 * token to every unsafe request, parses responses with zod and turns the
 * server's `{error: {code, message, details}}` into an ApiError.
 */
import type { z } from 'zod';
import { ERROR_STATUS, type ErrorCode } from '../../../contracts/errors';

/** Codes the server never sends: failures seen only by the client. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'BAD_RESPONSE' | 'UNKNOWN_ERROR';

export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: ErrorCode | ClientErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
    /** Seconds from the Retry-After header, when the server sent one. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }

  /** True when the server sent a localised message meant for people. */
  get fromServer(): boolean {
    return this.status > 0 && this.code !== 'BAD_RESPONSE' && this.message !== '';
  }
}

export function isApiError(error: unknown, code?: ErrorCode | ClientErrorCode): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

let csrfToken: string | null = null;
let citizenCsrfToken: string | null = null;

/** Remembers the CSRF token of the current session (from /auth/me, sign-in or TOTP confirmation). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/**
 * Remembers the CSRF token of the citizen's portal session (from /citizen/me
 * or a citizen sign-in). A browser may hold a staff and a citizen session at
 * once, each with its own token: requests to the citizen routes
 * (`/api/v1/citizen/…`, `/api/v1/portal/…`) carry this one.
 */
export function setCitizenCsrfToken(token: string | null): void {
  citizenCsrfToken = token;
}

const CITIZEN_PATHS = /^\/api\/v1\/(?:citizen|portal)\//;

function csrfTokenFor(path: string): string | null {
  return CITIZEN_PATHS.test(path) ? citizenCsrfToken : csrfToken;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
type Query = Record<string, string | number | boolean | null | undefined>;

/**
 * What checks a response body: a zod schema (the contract's), or a parser of
 * the same shape where loading zod is not worth it (api/citizen-session.ts).
 */
export type ResponseParser<T> = {
  safeParse: (value: unknown) => { success: true; data: T } | { success: false; error: { issues: readonly unknown[] } };
};

interface RequestOptions<T> {
  body?: unknown;
  /** A file or text sent as it is (uploads, imports) instead of a JSON body. */
  raw?: { content: Blob | string; contentType: string };
  query?: Query;
  /** Extra request headers (an idempotency key, a file name). */
  headers?: Record<string, string>;
  /** Response schema; omit for `204 No Content`. */
  schema?: z.ZodType<T> | ResponseParser<T>;
  signal?: AbortSignal;
}

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_STATUS, value);
}

function withQuery(path: string, query: Query | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function toApiError(response: Response, body: unknown): ApiError {
  const retryHeader = response.headers.get('retry-after');
  const retryAfter = retryHeader !== null && /^\d+$/.test(retryHeader) ? Number(retryHeader) : undefined;
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const error: unknown = body.error;
    if (typeof error === 'object' && error !== null) {
      const code = 'code' in error && isErrorCode(error.code) ? error.code : 'UNKNOWN_ERROR';
      const message = 'message' in error && typeof error.message === 'string' ? error.message : '';
      const details =
        'details' in error && typeof error.details === 'object' && error.details !== null
          ? (error.details as Record<string, unknown>)
          : {};
      return new ApiError(response.status, code, message, details, retryAfter);
    }
  }
  return new ApiError(response.status, 'UNKNOWN_ERROR', '', {}, retryAfter);
}

export async function request<T = void>(method: Method, path: string, options: RequestOptions<T> = {}): Promise<T> {
  const headers: Record<string, string> = { ...options.headers, accept: 'application/json' };
  if (options.raw !== undefined) headers['content-type'] = options.raw.contentType;
  else if (options.body !== undefined) headers['content-type'] = 'application/json';
  const token = csrfTokenFor(path);
  if (method !== 'GET' && token !== null) headers['x-csrf-token'] = token;

  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.raw?.content ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'NETWORK_ERROR', '');
  }

  const body = await readJson(response);
  if (!response.ok) throw toApiError(response, body);
  if (!options.schema) return undefined as T;
  const parsed = options.schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError(response.status, 'BAD_RESPONSE', '', { issues: parsed.error.issues });
  }
  return parsed.data;
}

/** A file the server sends (a PDF), and the name its Content-Disposition gives, when it gives one. */
export interface DownloadedFile {
  blob: Blob;
  fileName: string | null;
}

/** `filename*=UTF-8''…` or `filename="…"` of a Content-Disposition header. */
export function fileNameOf(contentDisposition: string | null): string | null {
  if (!contentDisposition) return null;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(contentDisposition)?.[1];
  if (extended !== undefined) {
    try {
      return decodeURIComponent(extended.trim());
    } catch {
      // Fall through to the plain parameter.
    }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/.exec(contentDisposition);
  const name = (plain?.[1] ?? plain?.[2])?.trim();
  return name === undefined || name === '' ? null : name;
}

/** GETs a file; a failure is read as the usual JSON error. */
export async function download(path: string, query?: Query, signal?: AbortSignal): Promise<DownloadedFile> {
  let response: Response;
  try {
    response = await fetch(withQuery(path, query), { method: 'GET', headers: { accept: 'application/pdf, application/json' }, credentials: 'same-origin', signal });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'NETWORK_ERROR', '');
  }
  if (!response.ok) throw toApiError(response, await readJson(response));
  return { blob: await response.blob(), fileName: fileNameOf(response.headers.get('content-disposition')) };
}

export const api = {
  get: <T>(path: string, schema: z.ZodType<T> | ResponseParser<T>, query?: Query, signal?: AbortSignal) =>
    request<T>('GET', path, { schema, query, signal }),
  post: <T = void>(path: string, body?: unknown, schema?: z.ZodType<T>, signal?: AbortSignal) =>
    request<T>('POST', path, { body, schema, signal }),
  patch: <T>(path: string, body: unknown, schema: z.ZodType<T>) => request<T>('PATCH', path, { body, schema }),
  put: <T>(path: string, body: unknown, schema: z.ZodType<T>) => request<T>('PUT', path, { body, schema }),
  delete: (path: string) => request('DELETE', path),
  /** Sends a file as the raw request body. */
  upload: <T>(path: string, query: Query, content: Blob | string, contentType: string, schema: z.ZodType<T>) =>
    request<T>('POST', path, { query, raw: { content, contentType }, schema }),
};
