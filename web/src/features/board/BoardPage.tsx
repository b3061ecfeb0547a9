import { Anchor, Loader } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { boardPath, useBoard, type Board, type BoardFigures } from '../../api/board';
import { isApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDateTime, formatNumber, formatPercent } from '../../i18n/format';
import { Localized } from '../catalog/localized';
import { TableRegion } from '../catalog/TableRegion';
import { useTvMode } from './BoardLayout';
import classes from './board.module.css';

/**
 * The public transparency board of the province (/cong-khai) or of a unit
 * (/cong-khai/:unitCode): this month's and this year's headline figures, the
 * online coverage of the procedures and the apologies for late dossiers.
 * Every figure is text with its label; `?tv=1` shows it alone in large type
 * for a screen in the service centre. Refreshed every minute.
 */
export function BoardPage() {
  const { t } = useTranslation();
  const { unitCode } = useParams();
  const tv = useTvMode();
  usePageTitle(t('board.pageTitle'));
  const board = useBoard(unitCode);
  const notFound = isApiError(board.error) && board.error.status === 404;

  return (
    <div className={classes.board} data-testid="board">
      <header className={classes.header}>
        <div>
          <h1 className={classes.title}>{t('board.heading')}</h1>
          {board.data && (
            <>
              <p className={classes.unitName} data-testid="board-unit">
                <Localized vi={board.data.unit.name} en={board.data.unit.nameEn} />
              </p>
              <p className={classes.lead}>{board.data.unit.province ? t('board.provinceLead') : t('board.unitLead')}</p>
            </>
          )}
        </div>
        <div>
          {board.data && <p className={classes.asOf}>{t('board.asOf', { time: formatDateTime(board.data.asOf) })}</p>}
          <div className={classes.actions}>
            <Anchor component={Link} to={boardPath(unitCode, !tv)}>
              {tv ? t('board.tvOff') : t('board.tvOn')}
            </Anchor>
            {unitCode !== undefined && board.data?.unit.province !== true && (
              <Anchor component={Link} to={boardPath(undefined, tv)}>
                {t('board.toProvince')}
              </Anchor>
            )}
          </div>
        </div>
      </header>
      {notFound ? <p>{t('board.notFound')}</p> : !board.data && <ErrorAlert error={board.error} />}
      {board.isPending && <Loader aria-label={t('common.loading')} />}
      {board.data && <BoardView board={board.data} tv={tv} />}
    </div>
  );
}

function share(value: number | null): string | null {
  return value === null ? null : formatPercent(value);
}

function Figure({ id, label, value, detail, alert }: { id: string; label: string; value: string | null; detail?: string; alert?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className={alert ? `${classes.figure} ${classes.alert}` : classes.figure} data-testid={`figure-${id}`}>
      <dt>{label}</dt>
      <dd>
        <span className={classes.value}>{value ?? t('board.figures.none')}</span>
        {detail !== undefined && <span className={classes.detail}>{detail}</span>}
      </dd>
    </div>
  );
}

function PeriodFigures({ id, title, f }: { id: string; title: string; f: BoardFigures }) {
  const { t } = useTranslation();
  return (
    <section className={classes.section} aria-labelledby={`${id}-heading`} data-testid={`period-${id}`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      <dl className={classes.figures}>
        <Figure id="received" label={t('board.figures.received')} value={formatNumber(f.received)} />
        <Figure id="settled" label={t('board.figures.settled')} value={formatNumber(f.settled)} />
        <Figure
          id="onTimeShare"
          label={t('board.figures.onTimeShare')}
          value={share(f.onTimeShare)}
          detail={t('board.figures.ofSettled', { n: formatNumber(f.settled) })}
        />
        <Figure id="pending" label={t('board.figures.pending')} value={formatNumber(f.pending)} />
        <Figure id="overdue" label={t('board.figures.overdue')} value={formatNumber(f.overdue)} alert={f.overdue > 0} />
        <Figure
          id="onlineShare"
          label={t('board.figures.onlineShare')}
          value={share(f.onlineShare)}
          detail={t('board.figures.ofReceived', { online: formatNumber(f.receivedOnline), total: formatNumber(f.received) })}
        />
        <Figure
          id="satisfiedShare"
          label={t('board.figures.satisfiedShare')}
          value={share(f.satisfiedShare)}
          detail={t('board.figures.ofRatings', { n: formatNumber(f.ratings) })}
        />
      </dl>
    </section>
  );
}

const ymOf = (iso: string) => ({ year: Number(iso.slice(0, 4)), month: Number(iso.slice(5, 7)) });

function BoardView({ board, tv }: { board: Board; tv: boolean }) {
  const { t } = useTranslation();
  const month = ymOf(board.month.period.from);
  const c = board.catalog;
  const a = board.apologies;
  return (
    <div className={classes.body}>
      <div className={classes.periods}>
        <PeriodFigures id="month" title={t('board.month', month)} f={board.month} />
        <PeriodFigures id="year" title={t('board.year', { year: ymOf(board.year.period.from).year })} f={board.year} />
      </div>
      <div className={classes.periods}>
        <section className={classes.section} aria-labelledby="coverage-heading">
          <h2 id="coverage-heading">{t('board.coverage.heading')}</h2>
          <p className={classes.coverage} data-testid="board-coverage">
            {c.onlineCoverage === null || c.procedures === 0
              ? t('board.coverage.none')
              : t('board.coverage.value', { percent: formatPercent(c.onlineCoverage), online: formatNumber(c.full + c.partial), total: formatNumber(c.procedures) })}
          </p>
        </section>

        <section className={classes.section} aria-labelledby="apologies-heading">
          <h2 id="apologies-heading">{t('board.apologies.heading', { year: a.year })}</h2>
          <p className={classes.coverage} data-testid="apologies-total">
            {t('board.apologies.total', { n: formatNumber(a.total) })}
          </p>
          <div className={classes.tables}>
            {tv ? <MonthsAcross months={a.byMonth} /> : <MonthsDown months={a.byMonth} />}
            {a.byProcedure.length === 0 ? (
              <p>{t('board.apologies.noProcedure')}</p>
            ) : (
              <CountTable
                testId="apologies-by-procedure"
                caption={t('board.apologies.byProcedureCaption')}
                labelCol={t('board.apologies.procedureCol')}
                rows={a.byProcedure.map((p) => ({ key: p.code, label: <Localized vi={p.name} en={p.nameEn} />, count: p.dossiers }))}
              />
            )}
          </div>
        </section>
      </div>
    </div>
  );
}

type Months = Board['apologies']['byMonth'];
const monthNumber = (m: string) => Number(m.slice(5, 7));

/** The apologies per month, a line per month (phones and ordinary screens). */
function MonthsDown({ months }: { months: Months }) {
  const { t } = useTranslation();
  return (
    <CountTable
      testId="apologies-by-month"
      caption={t('board.apologies.byMonthCaption')}
      labelCol={t('board.apologies.monthCol')}
      rows={months.map((m) => ({ key: m.month, label: t('board.apologies.monthName', { month: monthNumber(m.month) }), count: m.dossiers }))}
    />
  );
}

/** A two-column table of apology counts: a row heading and its number of dossiers. */
function CountTable({ testId, caption, labelCol, rows }: { testId: string; caption: string; labelCol: string; rows: { key: string; label: ReactNode; count: number }[] }) {
  const { t } = useTranslation();
  return (
    <table className={classes.table} data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{labelCol}</th>
          <th scope="col" className={classes.number}>
            {t('board.apologies.countCol')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.label}</th>
            <td className={classes.number}>{formatNumber(r.count)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The same, a column per month (a large screen has the width and not the height). */
function MonthsAcross({ months }: { months: Months }) {
  const { t } = useTranslation();
  return (
    <TableRegion label={t('board.apologies.byMonthCaption')}>
      <table className={`${classes.table} ${classes.across}`} data-testid="apologies-by-month">
        <caption>{t('board.apologies.byMonthCaption')}</caption>
        <tbody>
          <tr>
            <th scope="row">{t('board.apologies.monthCol')}</th>
            {months.map((m) => (
              <th scope="col" key={m.month} className={classes.number}>
                {monthNumber(m.month)}
              </th>
            ))}
          </tr>
          <tr>
            <th scope="row">{t('board.apologies.countCol')}</th>
            {months.map((m) => (
              <td key={m.month} className={classes.number}>
                {formatNumber(m.dossiers)}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </TableRegion>
  );
}
