/**
 * The one-stop forms of a dossier as PDF, rendered on request from the
 * dossier as it stands (pdf/forms.ts draws them): what each form says comes
 * from the dossier, its history, the procedure and the units.
 *
 * Decisions:
 * - Reading a form is reading the dossier (personal data): it goes through
 *   `getDossier`, which checks the scope and writes the audit row.
 * - A form that does not apply to the dossier's state answers 409
 *   FORM_NOT_AVAILABLE: a refusal of a dossier that was not refused, an
 *   apology without an extension, a notice of stopping of a running dossier,
 *   a request for supplementation with nothing asked.
 * - The receipt's QR code opens the public lookup; it carries the lookup
 *   secret in the URL fragment only when the caller gives the secret (it is
 *   shown once, at intake), else the lookup page without it.
 * - The place in the date line is the unit's name without the "Ủy ban nhân
 *   dân xã/phường/…" prefix ("Hòa Bình"), as official letters write it.
 */
import type { FormKind } from '../../../contracts/documents.js';
import type { Dossier, HistoryEntry } from '../../../contracts/dossiers.js';
import { DomainError } from '../../http/errors.js';
import type { AppDeps, ServiceContext } from '../../http/context.js';
import { translator } from '../../i18n/index.js';
import * as dossiers from '../dossiers/service.js';
import * as org from '../org/service.js';
import { renderApology, renderControlSlip, renderReceipt, renderRefusal, renderStopNotice, renderSupplementRequest } from './pdf/forms.js';
import type { Issuer } from './pdf/layout.js';

export type Lang = 'vi' | 'en';

const UNIT_PREFIX = /^(ủy ban nhân dân|uỷ ban nhân dân|ubnd)\s+/iu;
const LEVEL_PREFIX = /^(tỉnh|thành phố|xã|phường|thị trấn|đặc khu|huyện|quận|thị xã)\s+/iu;

/** "Ủy ban nhân dân xã Hòa Bình" → "Hòa Bình". */
export function placeOf(unitName: string): string {
  const bare = unitName.trim().replace(UNIT_PREFIX, '');
  return bare.replace(LEVEL_PREFIX, '') || bare;
}

export type UnitForms = { issuer: Issuer; place: string; name: string; address: string | null };

/** A unit as a document's issuer: its parent's name above its own. */
export async function unitForms(ctx: ServiceContext, unitId: string, lang: Lang): Promise<UnitForms> {
  const db = ctx.database.db;
  const unit = await org.unitPlaceById(db, unitId);
  if (!unit) throw new Error(`unit ${unitId} vanished`);
  const parentId = unit.ancestors.length >= 2 ? unit.ancestors[unit.ancestors.length - 2] : undefined;
  const parent = parentId ? await org.unitPlaceById(db, parentId) : undefined;
  const name = lang === 'en' && unit.nameEn ? unit.nameEn : unit.name;
  const parentName = parent ? (lang === 'en' && parent.nameEn ? parent.nameEn : parent.name) : null;
  return { issuer: { parent: parentName, name }, place: placeOf(unit.name), name, address: unit.address };
}

function procedureName(d: Dossier, lang: Lang): string {
  return lang === 'en' && d.procedure.nameEn ? d.procedure.nameEn : d.procedure.name;
}

function notAvailable(form: FormKind, d: Dossier): never {
  throw new DomainError('FORM_NOT_AVAILABLE', { form, status: d.status, step: d.step });
}

const lastOf = (history: readonly HistoryEntry[], actions: readonly string[]): HistoryEntry | undefined =>
  [...history].reverse().find((h) => actions.includes(h.action));

/** The PDF of `form` for the dossier; 409 FORM_NOT_AVAILABLE when the form does not apply now. */
export async function renderForm(ctx: ServiceContext, deps: AppDeps, code: string, form: FormKind, opts: { lang: Lang; secret?: string }): Promise<Buffer> {
  const { lang } = opts;
  const t = translator(lang);
  const d = await dossiers.getDossier(ctx, code);
  const history = await dossiers.history(ctx, code);
  const now = ctx.clock.now();
  const settling = await unitForms(ctx, d.settlingUnit.id, lang);
  const receiving = d.receivingUnit.id === d.settlingUnit.id ? settling : await unitForms(ctx, d.receivingUnit.id, lang);
  const intake = history[0];
  // An imported dossier (no applicant, no slips in Motcua) has none of the forms.
  const applicant = d.applicant ?? notAvailable(form, d);
  const base = {
    lang,
    dossierCode: d.code,
    procedure: { code: d.procedure.code, name: procedureName(d, lang) },
    applicant,
    number: d.code,
  };
  const leader = (entry: HistoryEntry | undefined) => ({ fullName: entry?.actor.name ?? '' });

  switch (form) {
    case 'receipt': {
      if (d.status === 'intake_incomplete' || d.status === 'not_accepted' || d.status === 'pending_acceptance') notAvailable(form, d);
      const url = new URL('/tra-cuu', deps.config.publicUrl);
      if (opts.secret) url.hash = new URLSearchParams({ code: d.code, secret: opts.secret }).toString();
      return renderReceipt({
        ...base,
        issuer: receiving.issuer,
        place: receiving.place,
        issuedAt: d.receivedAt,
        documents: d.documents.filter((doc) => doc.received).map((doc) => ({ name: lang === 'en' && doc.nameEn ? doc.nameEn : doc.name, form: doc.form, count: doc.count })),
        sets: d.sets,
        receivedAt: d.receivedAt,
        appointment: { at: d.dueAt ?? d.receivedAt, place: [receiving.name, receiving.address].filter(Boolean).join(', ') },
        fees: d.fees,
        register: { number: d.code },
        officer: { fullName: intake?.actor.name ?? '' },
        lookup: { url: url.toString(), secret: opts.secret ?? null },
      });
    }
    case 'supplement_request': {
      const missing = d.supplement?.missing ?? (d.status === 'intake_incomplete' ? d.missing : []);
      if (missing.length === 0) notAvailable(form, d);
      const asked = lastOf(history, ['request_supplement', 'intake_incomplete']);
      return renderSupplementRequest({
        ...base,
        issuer: d.supplement ? settling.issuer : receiving.issuer,
        place: d.supplement ? settling.place : receiving.place,
        issuedAt: d.supplement?.requestedAt ?? d.receivedAt,
        receivedAt: d.receivedAt,
        missing: missing.map((item) => ({ item })),
        deadline: d.supplement?.deadline ?? null,
        officer: leader(asked),
      });
    }
    case 'refusal': {
      const refused = lastOf(history, ['intake_refused', 'refuse_intake', 'reject']);
      if (!refused || !(d.status === 'not_accepted' || d.outcome === 'rejected')) notAvailable(form, d);
      const atDesk = refused.action !== 'reject';
      const reasons = [refused.note ?? d.reason ?? ''].filter((r) => r.trim() !== '');
      if (reasons.length === 0) notAvailable(form, d);
      return renderRefusal({
        ...base,
        issuer: atDesk ? receiving.issuer : settling.issuer,
        place: atDesk ? receiving.place : settling.place,
        issuedAt: refused.at,
        receivedAt: d.receivedAt,
        reasons,
        signer: leader(refused),
      });
    }
    case 'apology': {
      if (!d.extension || !d.originalDueAt) notAvailable(form, d);
      const extended = lastOf(history, ['extend']);
      return renderApology({
        ...base,
        issuer: settling.issuer,
        place: settling.place,
        issuedAt: d.extension.at,
        receivedAt: d.receivedAt,
        oldDueAt: d.originalDueAt,
        newDueAt: d.extension.newDueAt,
        reason: d.extension.reason,
        signer: leader(extended),
      });
    }
    case 'stop_notice': {
      const stopped = lastOf(history, ['stop', 'withdraw']);
      if (d.status !== 'stopped' || !stopped) notAvailable(form, d);
      return renderStopNotice({
        ...base,
        issuer: settling.issuer,
        place: settling.place,
        issuedAt: stopped.at,
        requestedAt: stopped.at,
        reason: stopped.note ?? d.reason ?? '',
        signer: leader(stopped),
      });
    }
    case 'control_slip': {
      const stepName = (s: string | null) => (s ? t(`documents.steps.${s}`) : '');
      return renderControlSlip({
        ...base,
        issuer: settling.issuer,
        place: settling.place,
        issuedAt: now,
        settlingUnit: settling.name,
        coordinatingUnits: d.transfers.flatMap((x) => x.tasks.map((k) => k.unit.name)),
        receivedAt: d.receivedAt,
        dueAt: d.dueAt,
        rows: history.map((h) => ({
          from: [h.actor.name, stepName(h.fromStep)].filter(Boolean).join(' — '),
          to: [h.toUnit, stepName(h.toStep)].filter(Boolean).join(' — '),
          at: h.at,
          result: t(`documents.actions.${h.action}`, { defaultValue: h.action }),
          note: h.note,
        })),
      });
    }
  }
}
