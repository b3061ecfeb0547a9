/**
 * Documents: signing certificates of units, the documents generated for a
 * dossier (the signed result, courtesy letters), the one-stop forms as PDF,
 * templates, and the public verification of what was issued.
 *
 * Decisions:
 * - A unit has one active signing certificate (PKCS#12), uploaded by an
 *   admin of the unit (documents.admin); the file is kept as uploaded
 *   (encrypted by its own password), the password sealed with the server's
 *   master key (AES-256-GCM; MOTCUA_SECRET_KEY or `<dataDir>/secret-key`).
 *   The signature block prints the certificate's signer (the chairperson, or
 *   whoever the unit names) and title; the leader who took the action is in
 *   the dossier's history and the audit log.
 * - Signing the result is the workflow's `sign` action: the result PDF is
 *   rendered from the procedure's template, signed with the settling unit's
 *   certificate (refused when it has none, or it has expired), written to the
 *   storage, and its row commits in the same transaction as the action. A
 *   failure after the file was written removes the file again. A dossier has
 *   one result: signing twice is refused (the workflow, a check here and a
 *   unique index).
 * - Courtesy letters go with `return_result` of a procedure flagged in the
 *   catalog (birth or marriage → congratulation, death → condolence), signed
 *   with the same certificate when the unit has one; a unit without a
 *   certificate still gets the letter, unsigned, to sign by hand at the desk —
 *   a missing certificate never blocks returning a result.
 * - Every document carries a verification code (12 Crockford base32
 *   characters, 60 random bits, printed as XXXX-XXXX-XXXX) and a QR code of
 *   `/verify/{code}`; the public answer shows only what the document prints
 *   (kind, unit, dossier code, signer, time) and its SHA-256, 60 requests a
 *   minute per address.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Certificate, CertificateUpload, GeneratedDocument, LetterStats, VerifyResult, VerifyUploadResult } from '../../../contracts/documents.js';
import type { ActionBody, Dossier } from '../../../contracts/dossiers.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { staffActor, type ServiceContext } from '../../http/context.js';
import { DomainError } from '../../http/errors.js';
import { recordAudit } from '../audit/service.js';
import { limitRequests } from '../auth/rate-limit.js';
import * as dossiers from '../dossiers/service.js';
import { inUnitScope, uuidArray } from '../org/scope.js';
import * as org from '../org/service.js';
import type { DocumentDeps } from './deps.js';
import { documents, signingCertificates } from './schema.js';
import { CertificateError, checkUsable, openSecret, readP12, sealSecret, signatureInfo, signPdf, SigningError } from './signing/index.js';
import { newStorageKey, type FileStorage } from './storage/storage.js';

const VERIFY_LIMIT = 60;

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

// ---------------------------------------------------------------- verification codes

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 12 Crockford base32 characters from 60 random bits. */
export function newVerificationCode(): string {
  let n = randomBytes(8).readBigUInt64BE() >> 4n;
  let out = '';
  for (let i = 0; i < 12; i++) {
    out = (CROCKFORD[Number(n & 31n)] ?? '0') + out;
    n >>= 5n;
  }
  return out;
}

/** As printed: XXXX-XXXX-XXXX. */
export function formatVerificationCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1-');
}

// ---------------------------------------------------------------- certificates

type CertificateRow = typeof signingCertificates.$inferSelect;

function toCertificate(r: CertificateRow): Certificate {
  return {
    id: r.id,
    unitId: r.unitId,
    subject: r.subject,
    issuer: r.issuer,
    serialNumber: r.serialNumber,
    fingerprint: r.fingerprint,
    notBefore: r.notBefore.toISOString(),
    notAfter: r.notAfter.toISOString(),
    signerName: r.signerName,
    signerTitle: r.signerTitle,
    active: r.active,
    createdAt: r.createdAt.toISOString(),
    retiredAt: r.retiredAt?.toISOString() ?? null,
  };
}

/** The unit, when it is within the officer's scope for `documents.admin` (else 404, as if missing); the system sees every unit. */
async function adminUnit(ctx: ServiceContext, db: DbOrTx, unitId: string): Promise<org.UnitPlace> {
  const roots = ctx.actor.kind === 'system' ? null : staffActor(ctx).scope('documents.admin');
  const unit = await org.unitPlaceById(db, unitId);
  if (!unit || (roots !== null && !unit.ancestors.some((id) => roots.includes(id)))) throw new DomainError('UNIT_NOT_FOUND', { id: unitId });
  return unit;
}

function certificateProblem(err: unknown): never {
  if (err instanceof CertificateError) {
    throw new DomainError(err.reason === 'password_wrong' ? 'CERTIFICATE_PASSWORD_WRONG' : 'CERTIFICATE_INVALID', { reason: err.reason });
  }
  throw err;
}

/**
 * Uploads a unit's signing certificate; it becomes the unit's active one and
 * the previous one is retired. A wrong password, a file that is not PKCS#12
 * and a certificate outside its validity answer 422; nothing is stored then.
 */
export async function uploadCertificate(ctx: ServiceContext, deps: DocumentDeps, unitId: string, input: CertificateUpload): Promise<Certificate> {
  const p12 = Buffer.from(input.p12, 'base64');
  let info;
  try {
    info = readP12(p12, input.password);
  } catch (err) {
    certificateProblem(err);
  }
  const unusable = checkUsable(info, ctx.clock.now());
  if (unusable) throw new DomainError('CERTIFICATE_EXPIRED', { reason: unusable, notBefore: info.notBefore.toISOString(), notAfter: info.notAfter.toISOString() });
  return ctx.database.db.transaction(async (tx) => {
    const unit = await adminUnit(ctx, tx, unitId);
    const now = ctx.clock.now();
    await tx
      .update(signingCertificates)
      .set({ active: false, retiredAt: now })
      .where(and(eq(signingCertificates.unitId, unit.id), eq(signingCertificates.active, true)));
    const [row] = await tx
      .insert(signingCertificates)
      .values({
        unitId: unit.id,
        subject: info.subject,
        issuer: info.issuer,
        serialNumber: info.serialNumber,
        fingerprint: info.sha256Fingerprint,
        notBefore: info.notBefore,
        notAfter: info.notAfter,
        p12,
        passwordSealed: sealSecret(input.password, deps.secretKey),
        signerName: input.signerName,
        signerTitle: input.signerTitle,
        createdBy: ctx.actor.kind === 'staff' ? ctx.actor.staffId : null,
        createdAt: now,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await recordAudit(tx, ctx, { action: 'certificate.upload', objectType: 'unit', objectId: unit.code, unitId: unit.id, details: { certificate: row.id, fingerprint: row.fingerprint } });
    return toCertificate(row);
  });
}

export async function listCertificates(ctx: ServiceContext, unitId: string): Promise<Certificate[]> {
  const db = ctx.database.db;
  const unit = await adminUnit(ctx, db, unitId);
  const rows = await db.select().from(signingCertificates).where(eq(signingCertificates.unitId, unit.id)).orderBy(desc(signingCertificates.createdAt));
  return rows.map(toCertificate);
}

/** Whether the unit has an active signing certificate. */
export async function hasCertificate(ctx: ServiceContext, unitId: string): Promise<boolean> {
  return (await activeCertificate(ctx.database.db, unitId)) !== undefined;
}

export async function activeCertificate(db: DbOrTx, unitId: string): Promise<CertificateRow | undefined> {
  const [row] = await db
    .select()
    .from(signingCertificates)
    .where(and(eq(signingCertificates.unitId, unitId), eq(signingCertificates.active, true)));
  return row;
}

/**
 * Signs `pdf` with the certificate as PAdES baseline B-B (ETSI.CAdES.detached
 * with the ESS signing-certificate-v2 attribute; the signing time in the
 * signature dictionary's /M, as the baseline wants); maps the signer's
 * refusals to the API's errors.
 */
export async function signWith(deps: DocumentDeps, cert: CertificateRow, pdf: Buffer, meta: { reason: string; location: string; at: Date }): Promise<Buffer> {
  try {
    return await signPdf(pdf, cert.p12, openSecret(cert.passwordSealed, deps.secretKey), {
      reason: meta.reason,
      location: meta.location,
      signerName: cert.signerName,
      signedAt: meta.at,
    }, { profile: 'pades-b-b' });
  } catch (err) {
    if (err instanceof SigningError && (err.reason === 'expired' || err.reason === 'not_yet_valid')) throw new DomainError('CERTIFICATE_EXPIRED', { reason: err.reason });
    if (err instanceof SigningError && err.reason === 'already_signed') throw new DomainError('DOCUMENT_ALREADY_SIGNED');
    throw err;
  }
}

// ---------------------------------------------------------------- generated documents

type DocumentRow = typeof documents.$inferSelect;

function toGenerated(r: DocumentRow): GeneratedDocument {
  return {
    id: r.id,
    kind: r.kind as GeneratedDocument['kind'],
    title: r.title,
    sha256: r.sha256,
    size: r.size,
    verificationCode: formatVerificationCode(r.verificationCode),
    signed: r.signed,
    signedAt: r.signedAt?.toISOString() ?? null,
    signerName: r.signerName,
    createdAt: r.createdAt.toISOString(),
  };
}

export async function documentsOf(ctx: ServiceContext, code: string): Promise<GeneratedDocument[]> {
  const row = await dossiers.visibleRow(ctx, code);
  const rows = await ctx.database.db.select().from(documents).where(eq(documents.dossierId, row.id)).orderBy(documents.createdAt);
  return rows.map(toGenerated);
}

/** A generated document's PDF (audited: it carries the applicant's data). */
export async function documentFile(ctx: ServiceContext, storage: FileStorage, code: string, id: string): Promise<{ fileName: string; content: Buffer }> {
  const row = await dossiers.visibleRow(ctx, code);
  const [doc] = await ctx.database.db
    .select()
    .from(documents)
    .where(and(eq(documents.dossierId, row.id), eq(documents.id, id)));
  if (!doc) throw new DomainError('DOCUMENT_NOT_FOUND', { id });
  const content = await storage.get(doc.storageKey);
  await recordAudit(ctx.database.db, ctx, { action: 'document.read', objectType: 'dossier', objectId: row.code, details: { document: doc.id, kind: doc.kind } });
  return { fileName: `${row.code}-${doc.kind}.pdf`, content };
}

/** A document ready to store: rendered (and signed when a certificate was there). */
export type Prepared = {
  kind: GeneratedDocument['kind'];
  title: string;
  pdf: Buffer;
  verificationCode: string;
  cert: CertificateRow | null;
  signedAt: Date | null;
  /** What the leader typed (kept with the document; the courtesy letter reuses it). */
  values: Record<string, string>;
};

/** The dossier's document of this kind, if one was issued. */
export async function existingDocument(db: DbOrTx, dossierId: string, kind: GeneratedDocument['kind']): Promise<DocumentRow | undefined> {
  const [row] = await db
    .select()
    .from(documents)
    .where(and(eq(documents.dossierId, dossierId), eq(documents.kind, kind)));
  return row;
}

/**
 * Writes the prepared PDF to the storage, then takes the action with the
 * document's row in the same transaction; removes the file when the action
 * fails, so no row points at a missing file and no file outlives a refusal.
 */
export async function storeWithAction<A extends 'sign' | 'return_result'>(
  ctx: ServiceContext,
  deps: DocumentDeps,
  code: string,
  action: A,
  body: ActionBody<A>,
  prepared: Prepared | null,
): Promise<Dossier> {
  if (!prepared) return dossiers.act(ctx, code, action, body);
  const now = ctx.clock.now();
  const key = newStorageKey('documents', now);
  await deps.storage.put(key, prepared.pdf, 'application/pdf');
  try {
    return await dossiers.act(ctx, code, action, body, async (tx: Tx, updated) => {
      const [doc] = await tx
        .insert(documents)
        .values({
          dossierId: updated.id,
          unitId: updated.settlingUnitId,
          kind: prepared.kind,
          title: prepared.title,
          storageKey: key,
          sha256: sha256(prepared.pdf),
          size: prepared.pdf.length,
          verificationCode: prepared.verificationCode,
          values: prepared.values,
          signed: prepared.cert !== null,
          signedAt: prepared.signedAt,
          signerName: prepared.cert?.signerName ?? null,
          signerSubject: prepared.cert?.subject ?? null,
          certificateId: prepared.cert?.id ?? null,
          createdBy: ctx.actor.kind === 'staff' ? ctx.actor.staffId : null,
          createdAt: now,
        })
        .returning({ id: documents.id });
      await recordAudit(tx, ctx, {
        action: prepared.cert ? 'document.sign' : 'document.issue',
        objectType: 'dossier',
        objectId: updated.code,
        unitId: updated.settlingUnitId,
        details: { document: doc?.id ?? null, kind: prepared.kind, sha256: sha256(prepared.pdf) },
      });
    });
  } catch (err) {
    await deps.storage.delete(key).catch(() => undefined);
    if (isUniqueViolation(err, 'documents_one_per_kind_key')) throw new DomainError('DOCUMENT_ALREADY_SIGNED');
    throw err;
  }
}

// ---------------------------------------------------------------- verification

function limitVerify(ctx: ServiceContext): Promise<void> {
  return limitRequests(ctx.database.db, `verify:${ctx.ip ?? 'unknown'}`, VERIFY_LIMIT, ctx.clock.now());
}

async function issuedUnder(db: DbOrTx, code: string): Promise<DocumentRow> {
  const [doc] = await db.select().from(documents).where(eq(documents.verificationCode, code));
  if (!doc) throw new DomainError('VERIFY_NOT_FOUND');
  return doc;
}

/** What the public verification page shows: what the document prints, and its hash. */
export async function verify(ctx: ServiceContext, code: string): Promise<VerifyResult> {
  await limitVerify(ctx);
  const db = ctx.database.db;
  const doc = await issuedUnder(db, code);
  const [unit, dossierCode] = await Promise.all([org.unitPlaceById(db, doc.unitId), dossiers.codeOf(db, doc.dossierId)]);
  return {
    verificationCode: formatVerificationCode(doc.verificationCode),
    kind: doc.kind as VerifyResult['kind'],
    title: doc.title,
    unit: { code: unit?.code ?? '', name: unit?.name ?? '', nameEn: unit?.nameEn ?? null },
    dossierCode,
    issuedAt: doc.createdAt.toISOString(),
    signed: doc.signed,
    signedAt: doc.signedAt?.toISOString() ?? null,
    signerName: doc.signerName,
    signerSubject: doc.signerSubject,
    sha256: doc.sha256,
    size: doc.size,
  };
}

/** Compares an uploaded file with the document issued under `code`, and reads the file's own signature. */
export async function verifyUpload(ctx: ServiceContext, code: string, pdf: Buffer): Promise<VerifyUploadResult> {
  await limitVerify(ctx);
  const doc = await issuedUnder(ctx.database.db, code);
  const hash = sha256(pdf);
  const sig = signatureInfo(pdf);
  return {
    matches: hash === doc.sha256,
    sha256: hash,
    expectedSha256: doc.sha256,
    signature: sig.signed
      ? {
          signed: true,
          intact: sig.valid,
          coversWholeDocument: sig.coversWholeDocument,
          signer: sig.signer?.subject ?? null,
          signedAt: (sig.signingTime ?? sig.claimedSigningTime)?.toISOString() ?? null,
        }
      : null,
  };
}

// ---------------------------------------------------------------- reports

/**
 * Courtesy letters per unit and month (Vietnam time), within the officer's
 * `dossier.read` scope; `from` and `to` are months (YYYY-MM), both included.
 */
export async function letterStats(ctx: ServiceContext, from: string, to: string): Promise<LetterStats> {
  const actor = staffActor(ctx);
  if (from > to) throw new DomainError('VALIDATION_FAILED', { field: 'from', reason: 'after_to' });
  const db = ctx.database.db;
  const roots = actor.scope('dossier.read');
  const start = new Date(`${from}-01T00:00:00+07:00`);
  const [y, m] = to.split('-').map(Number) as [number, number];
  const end = new Date(`${m === 12 ? y + 1 : y}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}-01T00:00:00+07:00`);
  const month = sql<string>`to_char(${documents.createdAt} AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM')`;
  const rows = await db
    .select({
      unitId: documents.unitId,
      month,
      congratulation: sql<number>`count(*) FILTER (WHERE ${documents.kind} = 'congratulation')::int`,
      condolence: sql<number>`count(*) FILTER (WHERE ${documents.kind} = 'condolence')::int`,
    })
    .from(documents)
    .where(
      and(
        inArray(documents.kind, ['congratulation', 'condolence']),
        gte(documents.createdAt, start),
        lt(documents.createdAt, end),
        inUnitScope(documents.unitId, roots),
      ),
    )
    .groupBy(documents.unitId, month)
    .orderBy(month, documents.unitId);
  const units = new Map((await org.publicUnitsByIds(db, [...new Set(rows.map((r) => r.unitId))])).map((u) => [u.id, u]));
  return {
    items: rows.map((r) => {
      const u = units.get(r.unitId);
      return { unit: { id: r.unitId, code: u?.code ?? '', name: u?.name ?? '', nameEn: u?.nameEn ?? null }, month: r.month, congratulation: r.congratulation, condolence: r.condolence };
    }),
  };
}

/** Of these dossiers, those with a signed stored document of this kind (the service index: an electronic result). */
export async function dossiersWithSignedDocument(db: DbOrTx, dossierIds: readonly string[], kind: GeneratedDocument['kind']): Promise<Set<string>> {
  if (dossierIds.length === 0) return new Set();
  const rows = await db.execute<{ id: string }>(
    sql`SELECT DISTINCT dossier_id::text AS id FROM ${documents} WHERE kind = ${kind} AND signed AND dossier_id = ANY(${uuidArray(dossierIds)})`,
  );
  return new Set(rows.rows.map((r) => r.id));
}
