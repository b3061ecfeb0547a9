/**
 * The statistics as the standard periodic report sent upward, in PDF
 * (GET /api/v1/reports/statistics.pdf): landscape A4 in the official frame of
 * the documents module (pdf/layout.ts: the issuing unit under its parent, the
 * national motto, the place-and-date line, the title), the reporting period
 * and scope, the figures in three tables — one line per row of the answer and
 * the total — the time the figures were read, and the signature block of the
 * head of the unit with "Nơi nhận".
 *
 * Decisions:
 * - Three tables rather than one 38-column table, so every figure stays
 *   legible on one landscape page width: I. received and settled (the
 *   classic report columns), II. the other figures (stopped, withdrawn,
 *   supplementation, intake, working days, trips, letters), III. the
 *   satisfaction distribution. The columns and their headers are those of the
 *   CSV and XLSX (export.ts `COLUMNS`, server/i18n `reportsExport.columns`).
 * - Numbers are written as the language writes them (1.862 and 79,97 in
 *   Vietnamese); shares in percent with two decimals, like the CSV.
 * - The document's date is the answer's `asOf`, so the same figures give the
 *   same bytes (the frame is deterministic); nothing is signed digitally.
 */
import type { TFunction } from 'i18next';
import type { Statistics } from '../../../contracts/reports.js';
import type { ServiceContext } from '../../http/context.js';
import { unitForms, type UnitForms } from '../documents/forms.js';
import { formatDateTime, formatDate, renderDocument, type Block, type Lang } from '../documents/pdf/index.js';
import * as org from '../org/service.js';
import { COLUMNS, lines, unitLabel, type Column } from './export.js';

const TABLES: readonly { heading: string; keys: readonly string[] }[] = [
  {
    heading: 'flows',
    keys: [
      'carriedOver',
      'receivedTotal',
      'receivedInPerson',
      'receivedOnline',
      'receivedPost',
      'settledTotal',
      'settledEarly',
      'settledOnTime',
      'settledLate',
      'settledRefused',
      'onTimeShare',
      'pendingTotal',
      'pendingWithinTime',
      'pendingOverdue',
      'pendingPaused',
    ],
  },
  {
    heading: 'others',
    keys: [
      'stopped',
      'withdrawn',
      'closedUnsupplemented',
      'supplementRequests',
      'intakeIncomplete',
      'intakeRefused',
      'workingDaysAverage',
      'workingDaysMedian',
      'workingDaysAllowed',
      'tripsReturned',
      'tripsVisits',
      'tripsAverage',
      'letters',
    ],
  },
  { heading: 'satisfaction', keys: ['ratings', 'verySatisfied', 'satisfied', 'neutral', 'dissatisfied', 'veryDissatisfied', 'satisfiedShare'] },
];

const columnOf = (key: string): Column => {
  const c = COLUMNS.find((x) => x.key === key);
  if (!c) throw new Error(`no column ${key}`);
  return c;
};

function numberFormat(lang: Lang): (c: Column, v: number | null) => string {
  const whole = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 2 });
  return (c, v) => {
    if (v === null) return '–';
    if (c.percent) return decimal.format(v * 100);
    return c.decimals ? decimal.format(v) : whole.format(v);
  };
}

/** The report of an answer of `statistics` (its unit was found in the caller's scope), framed as its unit issues documents. */
export async function statisticsPdfOf(ctx: ServiceContext, stats: Statistics, t: TFunction, lang: Lang): Promise<Buffer> {
  const unit = await org.unitPlaceByCode(ctx.database.db, stats.unit.code);
  if (!unit) throw new Error(`unit ${stats.unit.code} vanished`);
  return statisticsPdf(stats, await unitForms(ctx, unit.id, lang), t, lang);
}

/** The report as PDF bytes; `frame` is the reporting unit as a document's issuer (documents/forms.ts `unitForms`). */
export async function statisticsPdf(stats: Statistics, frame: UnitForms, t: TFunction, lang: Lang): Promise<Buffer> {
  const english = lang === 'en';
  const format = numberFormat(lang);
  const scope = [
    stats.filters.field === null ? null : t('reportsExport.pdf.field', { code: stats.filters.field }),
    stats.filters.procedure === null ? null : t('reportsExport.pdf.procedure', { code: stats.filters.procedure }),
    stats.filters.officer === null ? null : t('reportsExport.pdf.officer', { username: stats.filters.officer }),
  ].filter((x): x is string => x !== null);
  const blocks: Block[] = [
    { kind: 'paragraph', runs: t('reportsExport.pdf.unit', { unit: frame.name }), align: 'center', indent: false, compact: true },
    ...(scope.length > 0 ? [{ kind: 'paragraph' as const, runs: t('reportsExport.pdf.filters', { filters: scope.join('; ') }), align: 'center' as const, indent: false, compact: true }] : []),
  ];
  for (const table of TABLES) {
    const columns = table.keys.map(columnOf);
    blocks.push(
      { kind: 'paragraph', runs: t(`reportsExport.pdf.${table.heading}`), bold: true, indent: false, align: 'left' },
      {
        kind: 'table',
        size: 7.5,
        columns: [
          { header: t('reportsExport.columns.unit'), width: 3.2 },
          ...columns.map((c) => ({ header: t(`reportsExport.columns.${c.key}`), width: 1, align: 'right' as const })),
        ],
        rows: lines(stats).map((r) => [unitLabel(r, t, english), ...columns.map((c) => format(c, c.value(r)))]),
      },
    );
  }
  blocks.push(
    { kind: 'paragraph', runs: t('reportsExport.pdf.asOf', { at: formatDateTime(lang, stats.asOf) }), italic: true, indent: false },
    {
      kind: 'signatures',
      signers: [{ title: t('reportsExport.pdf.signer'), hint: t('reportsExport.pdf.hint') }],
      recipients: t('reportsExport.pdf.recipients', { returnObjects: true }) as string[],
    },
  );
  const { pdf } = await renderDocument({
    lang,
    landscape: true,
    issuer: frame.issuer,
    place: frame.place,
    issuedAt: stats.asOf,
    title: t('reportsExport.pdf.title'),
    subtitle: t('reportsExport.pdf.period', { from: formatDate(lang, stats.period.from), to: formatDate(lang, stats.period.to) }),
    subject: t('reportsExport.title', { unit: frame.name, from: stats.period.from, to: stats.period.to }),
    blocks,
  });
  return pdf;
}
