/**
 * A read of a citizen account's profile for other modules (the portal
 * pre-fills an application from it, and writes to the account's e-mail when
 * the form gives none). Not audited here: the caller says what it read.
 */
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { citizens } from './schema.js';

export type CitizenProfile = {
  id: string;
  fullName: string;
  email: string | null;
  /** The e-mail was proven by a one-time code or by the identity provider. */
  emailVerified: boolean;
  phone: string | null;
  idNumber: string | null;
  birthDate: string | null;
  address: string | null;
  language: 'vi' | 'en';
};

/** The active account's profile, or undefined (no such account, or disabled). */
export async function citizenProfile(db: DbOrTx, citizenId: string): Promise<CitizenProfile | undefined> {
  const [row] = await db
    .select({
      id: citizens.id,
      fullName: citizens.fullName,
      email: citizens.email,
      emailVerifiedAt: citizens.emailVerifiedAt,
      phone: citizens.phone,
      idNumber: citizens.idNumber,
      birthDate: citizens.birthDate,
      address: citizens.address,
      language: citizens.language,
    })
    .from(citizens)
    .where(and(eq(citizens.id, citizenId), eq(citizens.active, true)));
  if (!row) return undefined;
  const { emailVerifiedAt, ...rest } = row;
  return { ...rest, emailVerified: emailVerifiedAt !== null, language: row.language === 'en' ? 'en' : 'vi' };
}
