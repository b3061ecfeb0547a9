/**
 * Test fixture: a citizen account with a live portal session, made directly in
 * the auth module's tables (for tests of what a signed-in citizen does; the
 * sign-up and sign-in routes have tests of their own).
 */
import { randomBytes } from 'node:crypto';
import { citizenCookieName, createCitizenSession } from '../server/modules/auth/citizen-sessions.js';
import { citizens } from '../server/modules/auth/schema.js';
import { clientOf, type Client, type TestApp } from './harness.js';

export type CitizenProfile = {
  fullName?: string;
  email?: string | null;
  phone?: string | null;
  idNumber?: string | null;
  birthDate?: string | null;
  address?: string | null;
  language?: 'vi' | 'en';
};

export type CitizenClient = Client & { citizenId: string; email: string | null };

export async function citizenClient(t: TestApp, profile: CitizenProfile = {}): Promise<CitizenClient> {
  const email = profile.email === undefined ? `cd-${randomBytes(6).toString('hex')}@example.vn` : profile.email;
  const [row] = await t.db.db
    .insert(citizens)
    .values({
      fullName: profile.fullName ?? 'Nguyễn Thị Dân',
      email,
      phone: profile.phone ?? null,
      idNumber: profile.idNumber === undefined ? '001190000123' : profile.idNumber,
      birthDate: profile.birthDate === undefined ? '1990-05-17' : profile.birthDate,
      address: profile.address === undefined ? 'Số 1 đường Láng, Hà Nội' : profile.address,
      language: profile.language ?? 'vi',
      emailVerifiedAt: email ? t.clock.now() : null,
    })
    .returning({ id: citizens.id });
  if (!row) throw new Error('citizen insert returned nothing');
  const session = await createCitizenSession(t.db.db, row.id, 'password', t.clock.now());
  const cookie = `${citizenCookieName(t.deps.config.secureCookies)}=${session.token}`;
  return { ...clientOf(t, cookie, session.csrfToken), citizenId: row.id, email };
}
