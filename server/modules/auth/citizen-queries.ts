/** SQL of the citizen accounts (citizens.ts, citizen-otp.ts, citizen-oidc.ts): reads, inserts, the `CitizenMe` view. */
import { and, asc, eq, isNull, ne } from 'drizzle-orm';
import type { CitizenMe } from '../../../contracts/citizens.js';
import type { Language } from '../../../contracts/dossiers.js';
import type { OidcConfig } from '../../config.js';
import type { DbOrTx } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { DomainError } from '../../http/errors.js';
import { citizenIdentities, citizens, citizenSessions } from './schema.js';

export type CitizenRow = typeof citizens.$inferSelect;
export type NewCitizen = typeof citizens.$inferInsert;

export async function citizenById(db: DbOrTx, id: string, forUpdate = false): Promise<CitizenRow | undefined> {
  const q = db.select().from(citizens).where(eq(citizens.id, id));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

export async function citizenByEmail(db: DbOrTx, email: string): Promise<CitizenRow | undefined> {
  const [row] = await db.select().from(citizens).where(eq(citizens.email, email));
  return row;
}

export async function citizenByPhone(db: DbOrTx, phone: string): Promise<CitizenRow | undefined> {
  const [row] = await db.select().from(citizens).where(eq(citizens.phone, phone));
  return row;
}

/** A unique e-mail or phone violated by an insert or update, as the 409 the client gets. */
export function takenError(err: unknown): DomainError | undefined {
  if (isUniqueViolation(err, 'citizens_email_key')) return new DomainError('CITIZEN_EMAIL_TAKEN');
  if (isUniqueViolation(err, 'citizens_phone_key')) return new DomainError('CITIZEN_PHONE_TAKEN');
  return undefined;
}

export async function insertCitizen(db: DbOrTx, values: NewCitizen): Promise<CitizenRow> {
  const [row] = await db.insert(citizens).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export async function identitiesOf(db: DbOrTx, citizenId: string) {
  return db
    .select({ issuer: citizenIdentities.issuer, createdAt: citizenIdentities.createdAt })
    .from(citizenIdentities)
    .where(eq(citizenIdentities.citizenId, citizenId))
    .orderBy(asc(citizenIdentities.createdAt));
}

export async function sessionOf(db: DbOrTx, sessionId: string) {
  const [row] = await db
    .select({ method: citizenSessions.method, createdAt: citizenSessions.createdAt })
    .from(citizenSessions)
    .where(eq(citizenSessions.id, sessionId));
  return row;
}

/** Ends every live session of the account, but `keep` when given. */
export async function revokeCitizenSessions(db: DbOrTx, citizenId: string, now: Date, keep?: string): Promise<void> {
  await db
    .update(citizenSessions)
    .set({ revokedAt: now })
    .where(and(eq(citizenSessions.citizenId, citizenId), isNull(citizenSessions.revokedAt), keep ? ne(citizenSessions.id, keep) : undefined));
}

export function languageOf(row: Pick<CitizenRow, 'language'>): Language {
  return row.language === 'en' ? 'en' : 'vi';
}

export async function buildCitizenMe(db: DbOrTx, oidc: OidcConfig | undefined, row: CitizenRow, csrfToken: string): Promise<CitizenMe> {
  const identities = await identitiesOf(db, row.id);
  return {
    id: row.id,
    fullName: row.fullName,
    email: row.email,
    phone: row.phone,
    idNumber: row.idNumber,
    birthDate: row.birthDate,
    address: row.address,
    language: languageOf(row),
    emailVerified: row.emailVerifiedAt !== null,
    hasPassword: row.passwordHash !== null,
    identities: identities.map((i) => ({
      issuer: i.issuer,
      name: oidc && sameIssuer(oidc.issuer, i.issuer) ? oidc.name : i.issuer,
      linkedAt: i.createdAt.toISOString(),
    })),
    version: row.version,
    csrfToken,
  };
}

/** Issuer identifiers compare exactly, but a configured trailing slash is forgiven. */
export function sameIssuer(configured: string, issuer: string): boolean {
  return configured.replace(/\/+$/, '') === issuer.replace(/\/+$/, '');
}
