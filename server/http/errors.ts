import { ERROR_STATUS, type ErrorCode } from '../../contracts/errors.js';

/**
 * A domain error: a stable code (contracts/errors.ts) plus details for the
 * client. Thrown by services; mapped to HTTP in one place (http/error-handler.ts).
 */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;
  /** Extra response headers (e.g. Retry-After). */
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, details: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
    super(code);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
    this.headers = headers;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}
