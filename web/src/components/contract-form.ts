import i18next from 'i18next';
import type { FormErrors } from '@mantine/form';
import type { z } from 'zod';
import vi from '../i18n/vi.json';

export type ValidationKey = keyof typeof vi.validation;

/** A zod error option whose message names a translation under `validation.*`. */
export function message(key: ValidationKey): { error: string } {
  return { error: key };
}

function isValidationKey(value: string): value is ValidationKey {
  return Object.hasOwn(vi.validation, value);
}

/** Field names (last path segment) whose format errors have a specific message. */
const FORMAT_MESSAGES: Readonly<Record<string, ValidationKey>> = {
  email: 'email',
  code: 'code',
  username: 'username',
};

function messageFor(issue: z.core.$ZodIssue): ValidationKey {
  if (isValidationKey(issue.message)) return issue.message;
  const field = String(issue.path.at(-1) ?? '');
  switch (issue.code) {
    case 'too_small':
      return 'required';
    case 'too_big':
      return 'tooLong';
    case 'invalid_type':
    case 'invalid_value':
      return 'required';
    case 'invalid_format':
      return FORMAT_MESSAGES[field] ?? 'invalid';
    default:
      return 'invalid';
  }
}

/**
 * Validates a Mantine form with the same zod schema the server applies to the
 * request body: `toBody` maps form values to that body (keeping field paths),
 * and each issue becomes a translated message on its field.
 */
export function schemaValidator<Values>(schema: z.ZodType, toBody: (values: Values) => unknown = (v) => v) {
  return (values: Values): FormErrors => {
    const result = schema.safeParse(toBody(values));
    if (result.success) return {};
    const errors: FormErrors = {};
    for (const issue of result.error.issues) {
      const path = issue.path.map(String).join('.');
      if (!(path in errors)) errors[path] = i18next.t(`validation.${messageFor(issue)}`);
    }
    return errors;
  };
}
