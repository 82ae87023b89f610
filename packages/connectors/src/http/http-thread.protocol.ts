import { AppError, type AppErrorOptions } from '@tandem/schema';
import type { HttpMethod, SafeHttpClientOptions } from './safe-http.client.js';

/**
 * Messages between the event loop and the HTTP thread. Only structured-clonable data crosses:
 * no functions, signals or class instances.
 */

/** Client options that can cross to the thread (a custom resolver or address check cannot). */
export type ThreadedHttpClientOptions = Omit<SafeHttpClientOptions, 'resolve' | 'isAllowedAddress'>;

export interface ThreadRequest {
  type: 'request';
  id: number;
  method: HttpMethod;
  url: string;
  headers: Record<string, string> | undefined;
  body: string | Uint8Array | undefined;
  timeoutMs: number | undefined;
  maxRedirects: number | undefined;
  onOversize: 'error' | 'truncate' | undefined;
  originBoundHeaders: string[] | undefined;
  freshConnection: boolean | undefined;
}

/** The caller's signal fired: the thread aborts that request. */
export interface ThreadAbort {
  type: 'abort';
  id: number;
}

export type ToThread = ThreadRequest | ThreadAbort;

export interface ThreadResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
  truncated: boolean;
  url: string;
  redirects: number;
  durationMs: number;
}

/** An error as plain data: AppError's fields, or just a message for anything else. */
export interface ThreadError {
  appError: Omit<AppErrorOptions, 'cause'> | null;
  message: string;
}

export type FromThread =
  | { id: number; ok: true; response: ThreadResponse }
  | { id: number; ok: false; error: ThreadError };

/**
 * Bytes in a buffer of their own, to hand over rather than copy. A small Buffer is a view of a
 * shared 8 KiB pool, and posting a view copies its whole backing buffer: every message carried
 * 8 KiB, and the pool could not be transferred.
 */
export function ownBytes(body: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(body.byteLength);
  bytes.set(body);
  return bytes;
}

/** Bytes that crossed as a Uint8Array, as the Buffer the client's callers expect (no copy). */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function errorToThread(error: unknown): ThreadError {
  const message = error instanceof Error ? error.message : String(error);
  if (!(error instanceof AppError)) return { appError: null, message };
  return {
    appError: {
      code: error.code,
      message: error.message,
      details: error.details,
      retryable: error.retryable,
      retryAfterMs: error.retryAfterMs,
      origin: error.origin,
    },
    message,
  };
}

/** The error again on the event loop's side; anything not an AppError stays a plain Error. */
export function errorFromThread(error: ThreadError): Error {
  return error.appError ? new AppError(error.appError) : new Error(error.message);
}
