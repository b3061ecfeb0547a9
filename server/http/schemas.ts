import { z } from 'zod';
import { ErrorBody } from './error-handler.js';

/** Response schemas of a route: its success status and the shared error body. */
export function responses<S extends z.ZodType>(status: 200 | 201, schema: S) {
  return { [status]: schema, '4xx': ErrorBody, '5xx': ErrorBody } as { 200: S; '4xx': typeof ErrorBody; '5xx': typeof ErrorBody } & Record<201, S>;
}

export const noContent = { 204: z.null().describe('No content'), '4xx': ErrorBody, '5xx': ErrorBody };

export const IdParams = z.strictObject({ id: z.uuid() });
export const VersionBody = z.strictObject({ version: z.number().int().min(1) });
