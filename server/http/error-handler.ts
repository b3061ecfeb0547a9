/**
 * One place that turns errors into HTTP answers:
 * `{"error": {"code", "message", "details"}}` with a localised message.
 * Anything unexpected is logged (without the request body) and answers 500
 * INTERNAL — which is a bug to fix, never a way to report bad input.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ERROR_STATUS, type ErrorCode } from '../../contracts/errors.js';
import { translator } from '../i18n/index.js';
import { DomainError } from './errors.js';

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()),
  }),
});

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_VALIDATION: 'VALIDATION_FAILED',
};

export function sendError(
  req: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  details: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): FastifyReply {
  const t = translator(req.locale);
  const reason = typeof details.reason === 'string' ? t(`passwordReasons.${details.reason}`, { defaultValue: details.reason }) : '';
  const message = t(`errors.${code}`, { ...details, reason });
  return reply
    .code(ERROR_STATUS[code])
    .headers(headers)
    .type('application/json; charset=utf-8')
    .send({ error: { code, message, details } });
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof DomainError) return sendError(req, reply, err.code, err.details, err.headers);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({
        in: err.validationContext ?? 'body',
        path: v.instancePath,
        code: v.keyword,
        message: v.message ?? '',
      }));
      return sendError(req, reply, 'VALIDATION_FAILED', { issues });
    }
    if (err instanceof SyntaxError && err.statusCode === 400) return sendError(req, reply, 'MALFORMED_JSON');
    const mapped = err.code ? FASTIFY_CODES[err.code] : undefined;
    if (mapped) return sendError(req, reply, mapped);
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      req.log.info({ code: err.code }, 'client error');
      return sendError(req, reply, 'VALIDATION_FAILED', { reason: err.code ?? 'bad_request' });
    }
    req.log.error({ err }, 'unhandled error');
    return sendError(req, reply, 'INTERNAL');
  });
}
