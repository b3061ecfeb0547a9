import { z } from 'zod';
import { message } from '../../components/contract-form';

/** A TOTP code as typed by people: six digits, spaces tolerated. */
export const TotpCodeSchema = z
  .string()
  .transform((value) => value.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, message('totpCode')));
