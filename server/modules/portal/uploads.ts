/**
 * Resumable uploads of the portal (the tus protocol's core, without its
 * extensions): a file is announced with its name, type, size and SHA-256,
 * its bytes are appended at the offset received so far, and the offset can be
 * asked at any time, so a dropped connection resumes where it stopped.
 *
 * - Chunks wait in PostgreSQL (bytea, one row per chunk) until the last byte;
 *   then, in the same transaction, the SHA-256 and the documents storage's
 *   upload checks run (allow-list, bytes vs type vs extension, whole, not
 *   encrypted) and the file goes to the file storage under a key the server
 *   makes; the chunks are removed. A failed check removes the upload with its
 *   chunks and answers the stable code (422/415): nothing is kept, and asking
 *   for the upload afterwards is 404.
 * - The appending transaction locks the upload's row, so two clients sending
 *   the same offset at once append once; the other gets 409
 *   UPLOAD_OFFSET_MISMATCH naming the offset to resume at.
 * - An upload unfinished for 24 hours (since its last chunk) is dropped when
 *   next touched, and every such upload whenever anyone announces a file
 *   (one indexed delete; no job needed).
 * - Limits: 10 MiB a file (413 when announced), 5 uploads a document line,
 *   40 a draft, 10 unfinished at a time per citizen — so at most 100 MiB of
 *   one citizen's chunks wait in the database (422 PORTAL_FILE_LIMIT,
 *   `details.per`: document, draft, in_progress).
 */
import { createHash } from 'node:crypto';
import { and, asc, count, eq, isNull, lt } from 'drizzle-orm';
import { PORTAL_LIMITS, type Upload, type UploadCreate } from '../../../contracts/portal.js';
import type { DbOrTx } from '../../db/client.js';
import { citizenActor, type ServiceContext } from '../../http/context.js';
import { DomainError } from '../../http/errors.js';
import { recordAudit } from '../audit/service.js';
import * as dossiers from '../dossiers/service.js';
import { newStorageKey, type FileStorage } from '../documents/storage/storage.js';
import { UPLOAD_LIMIT_BYTES } from '../documents/storage/upload.js';
import { announcedName } from './rules.js';
import { portalDrafts, portalUploadChunks, portalUploads, type PortalUploadRow } from './schema.js';

const EXPIRY_MS = PORTAL_LIMITS.uploadExpiryHours * 3_600_000;

function expired(row: PortalUploadRow, now: Date): boolean {
  return row.status === 'in_progress' && row.updatedAt.getTime() + EXPIRY_MS <= now.getTime();
}

export function toUpload(row: PortalUploadRow, dossierCode: string | null): Upload {
  return {
    id: row.id,
    draftId: row.draftId,
    dossierCode,
    documentIndex: row.documentIndex,
    fileName: row.fileName,
    contentType: row.contentType,
    size: row.size,
    sha256: row.sha256,
    offset: row.received,
    status: row.status === 'complete' ? 'complete' : 'in_progress',
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.status === 'complete' ? null : new Date(row.updatedAt.getTime() + EXPIRY_MS).toISOString(),
  };
}

async function uploadDto(db: DbOrTx, row: PortalUploadRow): Promise<Upload> {
  return toUpload(row, row.dossierId ? await dossiers.codeOf(db, row.dossierId) : null);
}

/**
 * Removes every unfinished upload whose last chunk is older than the expiry,
 * with its chunks (a partial index finds them): run, on its own, whenever a
 * file is announced, so abandoned bytes do not pile up without a job.
 */
async function dropStale(db: DbOrTx, now: Date): Promise<void> {
  await db.delete(portalUploads).where(and(eq(portalUploads.status, 'in_progress'), lt(portalUploads.updatedAt, new Date(now.getTime() - EXPIRY_MS))));
}

/** Announces a file for a line of one's own open draft, or of one's own dossier waiting for supplementation. */
export async function createUpload(ctx: ServiceContext, input: UploadCreate): Promise<Upload> {
  const actor = citizenActor(ctx);
  const now = ctx.clock.now();
  if (input.size > UPLOAD_LIMIT_BYTES) throw new DomainError('BODY_TOO_LARGE', { limit: UPLOAD_LIMIT_BYTES });
  const named = announcedName(input.fileName, input.contentType);
  await dropStale(ctx.database.db, now);
  return ctx.database.db.transaction(async (tx) => {
    let target: { draftId: string | null; dossierId: string | null; dossierCode: string | null; lines: number };
    if (input.draftId) {
      // The draft's row lock orders concurrent announcements, so the limits hold.
      const [draft] = await tx
        .select()
        .from(portalDrafts)
        .where(and(eq(portalDrafts.id, input.draftId), eq(portalDrafts.citizenId, actor.citizenId)))
        .for('update');
      if (!draft) throw new DomainError('PORTAL_DRAFT_NOT_FOUND');
      if (draft.status !== 'open') throw new DomainError('PORTAL_DRAFT_SUBMITTED');
      const proc = await dossiers.procedureOf(tx, draft.procedureId);
      target = { draftId: draft.id, dossierId: null, dossierCode: null, lines: proc.documents.length };
    } else {
      // Locked: announcements for one dossier are counted one after the other.
      const row = await dossiers.ownDossierRow(ctx, input.dossierCode ?? '', { tx, lock: true });
      if (row.status !== 'supplement_requested') throw new DomainError('PORTAL_SUPPLEMENT_NOT_OPEN', { status: row.status });
      target = { draftId: null, dossierId: row.id, dossierCode: row.code, lines: row.documents.length };
    }
    if (input.documentIndex >= target.lines) throw new DomainError('DOSSIER_DOCUMENTS_MISMATCH', { unknown: [input.documentIndex] });
    const owner = target.draftId ? eq(portalUploads.draftId, target.draftId) : and(eq(portalUploads.dossierId, target.dossierId ?? ''), isNull(portalUploads.dossierFileId));
    const [all] = await tx.select({ n: count() }).from(portalUploads).where(owner);
    const [line] = await tx
      .select({ n: count() })
      .from(portalUploads)
      .where(and(owner, eq(portalUploads.documentIndex, input.documentIndex)));
    if ((line?.n ?? 0) >= PORTAL_LIMITS.filesPerDocument) throw new DomainError('PORTAL_FILE_LIMIT', { per: 'document', limit: PORTAL_LIMITS.filesPerDocument });
    if ((all?.n ?? 0) >= PORTAL_LIMITS.filesPerDraft) throw new DomainError('PORTAL_FILE_LIMIT', { per: 'draft', limit: PORTAL_LIMITS.filesPerDraft });
    const [unfinished] = await tx
      .select({ n: count() })
      .from(portalUploads)
      .where(and(eq(portalUploads.citizenId, actor.citizenId), eq(portalUploads.status, 'in_progress')));
    if ((unfinished?.n ?? 0) >= PORTAL_LIMITS.uploadsInProgress) throw new DomainError('PORTAL_FILE_LIMIT', { per: 'in_progress', limit: PORTAL_LIMITS.uploadsInProgress });
    const [row] = await tx
      .insert(portalUploads)
      .values({
        citizenId: actor.citizenId,
        draftId: target.draftId,
        dossierId: target.dossierId,
        documentIndex: input.documentIndex,
        fileName: named.fileName,
        contentType: named.contentType,
        size: input.size,
        sha256: input.sha256.toLowerCase(),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    return toUpload(row, target.dossierCode);
  });
}

async function ownUpload(db: DbOrTx, citizenId: string, id: string, lock = false): Promise<PortalUploadRow | undefined> {
  const where = and(eq(portalUploads.id, id), eq(portalUploads.citizenId, citizenId));
  const [row] = lock ? await db.select().from(portalUploads).where(where).for('update') : await db.select().from(portalUploads).where(where);
  return row;
}

/** An upload of the citizen's own, with the offset received so far (404 for anyone else's, or one dropped). */
export async function getUpload(ctx: ServiceContext, id: string): Promise<Upload> {
  const actor = citizenActor(ctx);
  const db = ctx.database.db;
  const row = await ownUpload(db, actor.citizenId, id);
  if (!row || expired(row, ctx.clock.now())) throw new DomainError('PORTAL_UPLOAD_NOT_FOUND');
  return uploadDto(db, row);
}

type Appended = { upload: Upload } | { refused: DomainError };

/**
 * Appends a chunk at `offset` (which must be the offset received so far).
 * With the last byte the whole file is checked and stored; a failed check
 * removes the upload and throws its code.
 */
export async function appendChunk(ctx: ServiceContext, storage: FileStorage, id: string, offset: number, chunk: Buffer): Promise<Upload> {
  const actor = citizenActor(ctx);
  const now = ctx.clock.now();
  let storedKey: string | null = null;
  let outcome: Appended;
  try {
    outcome = await ctx.database.db.transaction(async (tx): Promise<Appended> => {
      const row = await ownUpload(tx, actor.citizenId, id, true);
      if (!row) throw new DomainError('PORTAL_UPLOAD_NOT_FOUND');
      if (expired(row, now)) {
        await tx.delete(portalUploads).where(eq(portalUploads.id, row.id));
        return { refused: new DomainError('PORTAL_UPLOAD_NOT_FOUND') };
      }
      if (row.status === 'complete' || offset !== row.received) throw new DomainError('UPLOAD_OFFSET_MISMATCH', { offset: row.received, size: row.size });
      if (row.received + chunk.length > row.size) throw new DomainError('UPLOAD_LENGTH_EXCEEDED', { offset: row.received, size: row.size });
      if (chunk.length === 0) return { upload: await uploadDto(tx, row) };
      const received = row.received + chunk.length;
      if (received < row.size) {
        await tx.insert(portalUploadChunks).values({ uploadId: row.id, offset, data: chunk });
        const [updated] = await tx.update(portalUploads).set({ received, updatedAt: now }).where(eq(portalUploads.id, row.id)).returning();
        if (!updated) throw new Error('update returned nothing');
        return { upload: await uploadDto(tx, updated) };
      }
      // The last byte: the whole file, checked, to the storage.
      const earlier = await tx.select({ data: portalUploadChunks.data }).from(portalUploadChunks).where(eq(portalUploadChunks.uploadId, row.id)).orderBy(asc(portalUploadChunks.offset));
      const content = Buffer.concat([...earlier.map((c) => c.data), chunk]);
      const refuse = async (err: DomainError): Promise<Appended> => {
        await tx.delete(portalUploads).where(eq(portalUploads.id, row.id));
        await recordAudit(tx, ctx, { action: 'portal.upload.refused', objectType: 'upload', objectId: row.id, outcome: 'failure', details: { code: err.code } });
        return { refused: err };
      };
      const sha256 = createHash('sha256').update(content).digest('hex');
      if (sha256 !== row.sha256) return refuse(new DomainError('UPLOAD_CHECKSUM_MISMATCH', { expected: row.sha256, received: sha256 }));
      let checked;
      try {
        checked = dossiers.checkedUpload({ fileName: row.fileName, contentType: row.contentType, content });
      } catch (err) {
        if (err instanceof DomainError) return refuse(err);
        throw err;
      }
      const key = newStorageKey('scans', now);
      await storage.put(key, content, checked.contentType);
      storedKey = key;
      await tx.delete(portalUploadChunks).where(eq(portalUploadChunks.uploadId, row.id));
      const [updated] = await tx
        .update(portalUploads)
        .set({ received: row.size, status: 'complete', storageKey: key, fileName: checked.fileName, updatedAt: now })
        .where(eq(portalUploads.id, row.id))
        .returning();
      if (!updated) throw new Error('update returned nothing');
      await recordAudit(tx, ctx, { action: 'portal.upload.complete', objectType: 'upload', objectId: row.id, details: { size: row.size, sha256 } });
      return { upload: await uploadDto(tx, updated) };
    });
  } catch (err) {
    if (storedKey) await storage.delete(storedKey).catch(() => undefined);
    throw err;
  }
  if ('refused' in outcome) throw outcome.refused;
  return outcome.upload;
}

/** Removes an upload not yet sent with a dossier, and its bytes. */
export async function deleteUpload(ctx: ServiceContext, storage: FileStorage, id: string): Promise<void> {
  const actor = citizenActor(ctx);
  const key = await ctx.database.db.transaction(async (tx) => {
    const row = await ownUpload(tx, actor.citizenId, id, true);
    if (!row) throw new DomainError('PORTAL_UPLOAD_NOT_FOUND');
    if (row.dossierFileId) throw new DomainError('PORTAL_UPLOAD_USED');
    if (row.draftId) {
      const [draft] = await tx.select({ status: portalDrafts.status }).from(portalDrafts).where(eq(portalDrafts.id, row.draftId));
      if (draft?.status !== 'open') throw new DomainError('PORTAL_DRAFT_SUBMITTED');
    }
    await tx.delete(portalUploads).where(eq(portalUploads.id, row.id));
    await recordAudit(tx, ctx, { action: 'portal.upload.delete', objectType: 'upload', objectId: row.id });
    return row.storageKey;
  });
  // After the commit: a rolled-back delete keeps its bytes.
  if (key) await storage.delete(key).catch(() => undefined);
}

/** The uploads of a draft, oldest first (the draft's view). */
export function uploadsOfDraft(db: DbOrTx, draftId: string): Promise<PortalUploadRow[]> {
  return db.select().from(portalUploads).where(eq(portalUploads.draftId, draftId)).orderBy(asc(portalUploads.createdAt));
}

/** The uploads made for a dossier's supplementation and not yet sent, oldest first. */
export function pendingUploadsOfDossier(db: DbOrTx, dossierId: string): Promise<PortalUploadRow[]> {
  return db
    .select()
    .from(portalUploads)
    .where(and(eq(portalUploads.dossierId, dossierId), isNull(portalUploads.dossierFileId)))
    .orderBy(asc(portalUploads.createdAt));
}

export { expired as uploadExpired };
