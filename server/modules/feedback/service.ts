/**
 * Feedback: the applicant's satisfaction rating of a returned dossier, the
 * public suggestion box, hotline calls logged by staff, and the leaders' answers.
 *
 * Decisions:
 * - A rating has the five criteria of the national service index (time, staff
 *   attitude, transparency, ease, overall), each on a five-point scale, an
 *   optional comment and its channel. Only a `returned` dossier is rated (409
 *   FEEDBACK_NOT_RETURNED otherwise), once (a unique index on the dossier: 409
 *   FEEDBACK_ALREADY_RATED, nothing stored twice).
 * - The applicant rates with the dossier code and lookup secret in the body
 *   (`POST /api/v1/public/ratings`, until citizen accounts exist): a wrong code
 *   and a wrong secret answer the same 404 LOOKUP_NOT_FOUND as the lookup, and
 *   the route is limited to 30 requests a minute per address. Its channel is
 *   `online`. At the counter tablet an officer with `dossier.process` over the
 *   dossier (the dossier read scope: another unit's dossier is 404) enters it,
 *   channel `counter` unless said otherwise.
 * - The rating row copies the receiving unit, the counter, the officer who
 *   received the dossier (the first history row with an actor) and the one who
 *   returned it (the `return_result` row), so the summary and later per-officer
 *   reports read one table. The summary (`dossier.read`) counts the ratings of
 *   dossiers received by units in the officer's scope (SQL), by the day they
 *   were given (Vietnam time), `from` and `to` included; the satisfied share is
 *   satisfied + very satisfied over all.
 * - Suggestions are anonymous. Anti-abuse without captcha: a honeypot field
 *   `website` (hidden in the form, left empty by people) — any value answers
 *   201 as a success but nothing is stored, so a bot learns nothing; and 5
 *   suggestions per 10 minutes per address (429 RATE_LIMITED with Retry-After;
 *   honeypot submissions count too). The optional contact is stored for the
 *   leader who answers and never answered on a public route. A suggestion
 *   without a unit (or with an unknown or inactive unit code) goes to the root
 *   unit (the province), whose leaders see every unit's items anyway.
 * - Hotline calls are logged with a new permission `feedback.write`, granted
 *   to receptionists and leaders (whoever picks up the phone at the centre;
 *   not `dossier.intake`, which is about dossiers). The unit is the one given,
 *   within the officer's `feedback.write` scope, else the officer's own unit.
 * - Suggestions and calls land in one list, read and answered with a new
 *   permission `feedback.answer` (leaders), scoped by unit in SQL. The answer
 *   is due 10 working days after receipt on the unit's working calendar
 *   (calendar `dueDateFor`). Answering carries the version read (409
 *   VERSION_CONFLICT when stale); an item is answered once (409
 *   FEEDBACK_ALREADY_ANSWERED). Every write is audited in its transaction.
 * - The list is paged (`page`, `pageSize` ≤ 200, with the `total`), filtered
 *   by status, kind and `overdue`, the earliest due first. An item is overdue
 *   when it is not answered and its due instant has passed at the clock's now;
 *   the flag is computed with the same condition as the filter, in SQL terms
 *   and per item, so the two never disagree. A list read is audited (it shows
 *   contacts and callers) with the number of items shown, never their text.
 * - Staff see whether a dossier was rated (channel and time, for the counter's
 *   "rate" action), never the scores: the officer at the desk is one of the
 *   people rated.
 */
import { and, asc, eq, gte, inArray, isNotNull, isNull, lt, sql, type SQL } from 'drizzle-orm';
import {
  CRITERIA,
  SCORES,
  type AnswerInput,
  type DossierRatingState,
  type FeedbackItem,
  type FeedbackItemList,
  type FeedbackKind,
  type HotlineInput,
  type PublicRatingInput,
  type RatingChannel,
  type RatingResult,
  type StoredRatingChannel,
  type RatingSummary,
  type Score,
  type StaffRatingInput,
  type SuggestionInput,
} from '../../../contracts/feedback.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { staffActor, type ServiceContext } from '../../http/context.js';
import { DomainError } from '../../http/errors.js';
import { recordAudit } from '../audit/service.js';
import { limitRequests } from '../auth/rate-limit.js';
import { dueDateFor } from '../calendar/service.js';
import { dossierHistory, type DossierRow } from '../dossiers/schema.js';
import * as dossiers from '../dossiers/service.js';
import { staff, units } from '../org/schema.js';
import { inUnitScope } from '../org/scope.js';
import { feedbackItems, feedbackRatings, type FeedbackItemRow } from './schema.js';

const RATING_LIMIT = 30;
export const SUGGESTION_LIMIT = 5;
export const SUGGESTION_WINDOW_MS = 10 * 60_000;
export const ANSWER_WORKING_DAYS = 10;

// ---------------------------------------------------------------- ratings

type RatingFields = Omit<StaffRatingInput, 'channel'>;

async function rate(ctx: ServiceContext, row: DossierRow, fields: RatingFields, channel: RatingChannel): Promise<RatingResult> {
  dossiers.refuseImported(row);
  if (row.status !== 'returned') throw new DomainError('FEEDBACK_NOT_RETURNED', { status: row.status });
  const now = ctx.clock.now();
  try {
    return await ctx.database.db.transaction(async (tx) => {
      const history = await tx
        .select({ actorId: dossierHistory.actorId, action: dossierHistory.action, toStatus: dossierHistory.toStatus })
        .from(dossierHistory)
        .where(eq(dossierHistory.dossierId, row.id))
        .orderBy(asc(dossierHistory.id));
      const receivedBy = history.find((h) => h.actorId !== null)?.actorId ?? null;
      const returnedBy = [...history].reverse().find((h) => h.action === 'return_result' || h.toStatus === 'returned')?.actorId ?? null;
      const [created] = await tx
        .insert(feedbackRatings)
        .values({
          dossierId: row.id,
          unitId: row.receivingUnitId,
          counterId: row.counterId,
          receivedBy,
          returnedBy,
          enteredBy: ctx.actor.kind === 'staff' ? ctx.actor.staffId : null,
          channel,
          time: fields.time,
          attitude: fields.attitude,
          transparency: fields.transparency,
          ease: fields.ease,
          overall: fields.overall,
          comment: fields.comment || null,
          createdAt: now,
        })
        .returning({ id: feedbackRatings.id });
      if (!created) throw new Error('rating insert returned nothing');
      await recordAudit(tx, ctx, { action: 'feedback.rating.create', objectType: 'dossier', objectId: row.code, unitId: row.receivingUnitId, details: { channel } });
      return { id: created.id, dossierCode: row.code, channel, createdAt: now.toISOString() };
    });
  } catch (err) {
    if (isUniqueViolation(err, 'feedback_ratings_dossier_idx')) throw new DomainError('FEEDBACK_ALREADY_RATED', { code: row.code });
    throw err;
  }
}

/** The applicant's rating with code + lookup secret; the same 404 for a wrong code or secret. */
export async function ratePublic(ctx: ServiceContext, input: PublicRatingInput): Promise<RatingResult> {
  const db = ctx.database.db;
  await limitRequests(db, `rating:${ctx.ip ?? 'unknown'}`, RATING_LIMIT, ctx.clock.now());
  const row = await dossiers.dossierByCodeAndSecret(db, input.code, input.secret);
  if (!row) throw new DomainError('LOOKUP_NOT_FOUND');
  const { code: _code, secret: _secret, ...fields } = input;
  return rate(ctx, row, fields, 'online');
}

/** Whether the dossier (visible to the officer: else 404) has been rated, and how; never the scores. */
export async function ratingState(ctx: ServiceContext, code: string): Promise<DossierRatingState> {
  const row = await dossiers.visibleRow(ctx, code);
  const [rating] = await ctx.database.db
    .select({ channel: feedbackRatings.channel, createdAt: feedbackRatings.createdAt })
    .from(feedbackRatings)
    .where(eq(feedbackRatings.dossierId, row.id));
  return { rating: rating ? { channel: rating.channel as StoredRatingChannel, createdAt: rating.createdAt.toISOString() } : null };
}

/**
 * The applicant's own rating from the citizen portal (channel `online`): the
 * caller passes the dossier it found as the signed-in citizen's own.
 */
export async function rateByApplicant(ctx: ServiceContext, row: DossierRow, fields: RatingFields): Promise<RatingResult> {
  return rate(ctx, row, fields, 'online');
}

/**
 * Ratings brought by the historical import (dossiers/import.ts), in its
 * transaction and set-based: one per dossier, every criterion at the one
 * level the previous system recorded, channel `import`, dated when the result
 * went out (so the reports count it in that period). A `null` score removes
 * the rating an earlier import brought.
 */
export async function importRatings(tx: Tx, items: readonly { dossierId: string; unitId: string; score: Score | null; at: Date }[]): Promise<void> {
  const given = items.filter((i) => i.score !== null).map((i) => ({ dossier_id: i.dossierId, unit_id: i.unitId, score: i.score, at: i.at.toISOString() }));
  const removed = items.filter((i) => i.score === null).map((i) => i.dossierId);
  if (removed.length > 0) {
    await tx.execute(sql`DELETE FROM feedback_ratings WHERE channel = 'import' AND dossier_id IN (SELECT jsonb_array_elements_text(${JSON.stringify(removed)}::jsonb)::uuid)`);
  }
  if (given.length === 0) return;
  await tx.execute(sql`
    INSERT INTO feedback_ratings (dossier_id, unit_id, channel, time, attitude, transparency, ease, overall, created_at)
    SELECT x.dossier_id, x.unit_id, 'import', x.score, x.score, x.score, x.score, x.score, x.at
    FROM jsonb_to_recordset(${JSON.stringify(given)}::jsonb) AS x(dossier_id uuid, unit_id uuid, score text, at timestamptz)
    ON CONFLICT (dossier_id) DO UPDATE SET channel = 'import', time = EXCLUDED.time, attitude = EXCLUDED.attitude, transparency = EXCLUDED.transparency,
      ease = EXCLUDED.ease, overall = EXCLUDED.overall, created_at = EXCLUDED.created_at`);
}

/** The overall score of these dossiers' ratings, by dossier id (for the import's comparison). */
export async function overallScores(db: DbOrTx, dossierIds: readonly string[]): Promise<Map<string, Score>> {
  if (dossierIds.length === 0) return new Map();
  const rows = await db.execute<{ dossier_id: string; overall: Score }>(
    sql`SELECT dossier_id, overall FROM feedback_ratings WHERE dossier_id IN (SELECT jsonb_array_elements_text(${JSON.stringify(dossierIds)}::jsonb)::uuid)`,
  );
  return new Map(rows.rows.map((r) => [r.dossier_id, r.overall]));
}

/** Which of these dossiers have been rated (for the portal's "rate" button); never the scores. */
export async function ratedDossiers(db: DbOrTx, dossierIds: readonly string[]): Promise<Set<string>> {
  if (dossierIds.length === 0) return new Set();
  const rows = await db.select({ id: feedbackRatings.dossierId }).from(feedbackRatings).where(inArray(feedbackRatings.dossierId, [...dossierIds]));
  return new Set(rows.map((r) => r.id));
}

/** A rating entered at the counter by an officer who may see the dossier. */
export async function rateAtCounter(ctx: ServiceContext, code: string, input: StaffRatingInput): Promise<RatingResult> {
  const row = await dossiers.visibleRow(ctx, code);
  const { channel, ...fields } = input;
  return rate(ctx, row, fields, channel);
}

/** Ratings given from `from` to `to` (days in Vietnam time, both included) for dossiers of units in the officer's scope. */
export async function ratingSummary(ctx: ServiceContext, from: string, to: string): Promise<RatingSummary> {
  const actor = staffActor(ctx);
  if (from > to) throw new DomainError('VALIDATION_FAILED', { field: 'from', reason: 'after_to' });
  const start = new Date(`${from}T00:00:00+07:00`);
  const end = new Date(new Date(`${to}T00:00:00+07:00`).getTime() + 86_400_000);
  const counts = CRITERIA.flatMap((c) => SCORES.map((s) => sql`count(*) FILTER (WHERE ${sql.identifier(c)} = ${s})::int`));
  const result = await ctx.database.db.execute<Record<string, number>>(
    sql`SELECT count(*)::int AS total, ${sql.join(
      counts.map((expr, i) => sql`${expr} AS ${sql.identifier(`c${i}`)}`),
      sql`, `,
    )} FROM ${feedbackRatings} WHERE ${and(gte(feedbackRatings.createdAt, start), lt(feedbackRatings.createdAt, end), inUnitScope(feedbackRatings.unitId, actor.scope('dossier.read')))}`,
  );
  const r = result.rows[0] ?? {};
  const total = Number(r.total ?? 0);
  const criteria = Object.fromEntries(
    CRITERIA.map((c, ci) => {
      const dist = Object.fromEntries(SCORES.map((s, si) => [s, Number(r[`c${ci * SCORES.length + si}`] ?? 0)])) as Record<(typeof SCORES)[number], number>;
      return [c, { ...dist, satisfiedShare: total === 0 ? null : (dist.very_satisfied + dist.satisfied) / total }];
    }),
  ) as RatingSummary['criteria'];
  return { from, to, count: total, criteria };
}

// ---------------------------------------------------------------- suggestions and hotline

async function rootUnitId(db: DbOrTx): Promise<string> {
  const [root] = await db.select({ id: units.id }).from(units).where(isNull(units.parentId)).limit(1);
  if (!root) throw new Error('no root unit');
  return root.id;
}

async function activeUnitByCode(db: DbOrTx, code: string): Promise<{ id: string } | undefined> {
  const [u] = await db.select({ id: units.id }).from(units).where(and(eq(units.code, code), eq(units.active, true))).limit(1);
  return u;
}

async function storeItem(ctx: ServiceContext, item: { kind: 'suggestion' | 'hotline'; unitId: string; text: string; contact: string | null; caller: string | null }): Promise<FeedbackItemRow> {
  const now = ctx.clock.now();
  const dueAt = await dueDateFor(ctx, item.unitId, now, { kind: 'working_days', amount: ANSWER_WORKING_DAYS });
  return ctx.database.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(feedbackItems)
      .values({ ...item, recordedBy: ctx.actor.kind === 'staff' ? ctx.actor.staffId : null, receivedAt: now, dueAt })
      .returning();
    if (!row) throw new Error('feedback insert returned nothing');
    await recordAudit(tx, ctx, { action: `feedback.${item.kind}.create`, objectType: 'feedback_item', objectId: row.id, unitId: item.unitId });
    return row;
  });
}

/**
 * The public suggestion box. A filled honeypot (`website`) answers as a
 * success and stores nothing. 5 a 10 minutes per address.
 */
export async function suggest(ctx: ServiceContext, input: SuggestionInput): Promise<{ received: true }> {
  const db = ctx.database.db;
  await limitRequests(db, `suggestion:${ctx.ip ?? 'unknown'}`, SUGGESTION_LIMIT, ctx.clock.now(), SUGGESTION_WINDOW_MS);
  if (input.website) return { received: true };
  const unit = input.unitCode ? await activeUnitByCode(db, input.unitCode) : undefined;
  await storeItem(ctx, { kind: 'suggestion', unitId: unit?.id ?? (await rootUnitId(db)), text: input.text, contact: input.contact || null, caller: null });
  return { received: true };
}

export async function logHotline(ctx: ServiceContext, input: HotlineInput): Promise<FeedbackItem> {
  const actor = staffActor(ctx);
  let unitId = actor.unitId;
  if (input.unitCode) {
    const [u] = await ctx.database.db
      .select({ id: units.id })
      .from(units)
      .where(and(eq(units.code, input.unitCode), inUnitScope(units.id, actor.scope('feedback.write'))));
    if (!u) throw new DomainError('UNIT_NOT_FOUND', { code: input.unitCode });
    unitId = u.id;
  }
  const row = await storeItem(ctx, { kind: 'hotline', unitId, text: input.summary, contact: null, caller: input.caller || null });
  return (await toItems(ctx.database.db, [row], ctx.clock.now()))[0] as FeedbackItem;
}

/** Not answered and past its due instant: the one rule behind the `overdue` flag and filter. */
export function isOverdue(item: { answeredAt: Date | null; dueAt: Date }, now: Date): boolean {
  return item.answeredAt === null && item.dueAt.getTime() < now.getTime();
}

function overdueSql(now: Date): SQL {
  return and(isNull(feedbackItems.answeredAt), lt(feedbackItems.dueAt, now)) as SQL;
}

async function toItems(db: DbOrTx, rows: FeedbackItemRow[], now: Date): Promise<FeedbackItem[]> {
  const unitIds = [...new Set(rows.map((r) => r.unitId))];
  const staffIds = [...new Set(rows.flatMap((r) => (r.answeredBy ? [r.answeredBy] : [])))];
  const [unitRows, people] = await Promise.all([
    unitIds.length ? db.select({ id: units.id, code: units.code, name: units.name }).from(units).where(inArray(units.id, unitIds)) : [],
    staffIds.length ? db.select({ id: staff.id, fullName: staff.fullName }).from(staff).where(inArray(staff.id, staffIds)) : [],
  ]);
  return rows.map((r) => {
    const u = unitRows.find((x) => x.id === r.unitId);
    const who = people.find((p) => p.id === r.answeredBy);
    return {
      id: r.id,
      kind: r.kind as FeedbackItem['kind'],
      unit: { id: r.unitId, code: u?.code ?? '', name: u?.name ?? '' },
      text: r.text,
      contact: r.contact,
      caller: r.caller,
      receivedAt: r.receivedAt.toISOString(),
      dueAt: r.dueAt.toISOString(),
      status: r.answeredAt ? 'answered' : 'open',
      answer: r.answer,
      answeredBy: r.answeredBy ? { staffId: r.answeredBy, name: who?.fullName ?? '' } : null,
      answeredAt: r.answeredAt?.toISOString() ?? null,
      overdue: isOverdue(r, now),
      version: r.version,
    };
  });
}

export type ItemsFilter = { status?: 'open' | 'answered'; kind?: FeedbackKind; overdue?: boolean; page: number; pageSize: number };

/** One page of the suggestions and calls of units in the officer's `feedback.answer` scope, the earliest due first. */
export async function listItems(ctx: ServiceContext, filter: ItemsFilter): Promise<FeedbackItemList> {
  const actor = staffActor(ctx);
  const db = ctx.database.db;
  const now = ctx.clock.now();
  const where = and(
    inUnitScope(feedbackItems.unitId, actor.scope('feedback.answer')),
    filter.status === 'open' ? isNull(feedbackItems.answeredAt) : filter.status === 'answered' ? isNotNull(feedbackItems.answeredAt) : undefined,
    filter.kind ? eq(feedbackItems.kind, filter.kind) : undefined,
    filter.overdue === undefined ? undefined : filter.overdue ? overdueSql(now) : sql`NOT (${overdueSql(now)})`,
  );
  const [rows, [count]] = await Promise.all([
    db
      .select()
      .from(feedbackItems)
      .where(where)
      .orderBy(asc(feedbackItems.dueAt), asc(feedbackItems.id))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(feedbackItems).where(where),
  ]);
  const items = await toItems(db, rows, now);
  await recordAudit(db, ctx, { action: 'feedback.item.list', objectType: 'feedback_item', details: { shown: items.length } });
  return { total: count?.n ?? 0, page: filter.page, pageSize: filter.pageSize, items };
}

export async function answerItem(ctx: ServiceContext, id: string, input: AnswerInput): Promise<FeedbackItem> {
  const actor = staffActor(ctx);
  const now = ctx.clock.now();
  const row = await ctx.database.db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(feedbackItems)
      .where(and(eq(feedbackItems.id, id), inUnitScope(feedbackItems.unitId, actor.scope('feedback.answer'))))
      .for('update');
    if (!current) throw new DomainError('FEEDBACK_ITEM_NOT_FOUND', { id });
    if (current.version !== input.version) throw new DomainError('VERSION_CONFLICT', { current: current.version });
    if (current.answeredAt) throw new DomainError('FEEDBACK_ALREADY_ANSWERED', { id });
    const [updated] = await tx
      .update(feedbackItems)
      .set({ answer: input.answer, answeredBy: actor.staffId, answeredAt: now, version: current.version + 1 })
      .where(and(eq(feedbackItems.id, id), eq(feedbackItems.version, input.version)))
      .returning();
    if (!updated) throw new DomainError('VERSION_CONFLICT', { current: current.version });
    await recordAudit(tx, ctx, { action: 'feedback.item.answer', objectType: 'feedback_item', objectId: id, unitId: current.unitId });
    return updated;
  });
  return (await toItems(ctx.database.db, [row], now))[0] as FeedbackItem;
}
