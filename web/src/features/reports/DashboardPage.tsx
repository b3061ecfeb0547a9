import { Anchor, Button, Group, Loader, Select, SimpleGrid, Stack, Switch, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useId, useState, type ReactElement, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Step } from '../../../../contracts/catalog';
import { useUnits } from '../../api/org';
import { can, PERMISSIONS } from '../../api/schemas';
import { useSignedInMe } from '../../app/me-context';
import { RequirePermission } from '../../app/RequirePermission';
import { useDashboard, type Dashboard, type DashboardParams } from '../../api/reports';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDateTime, formatNumber, formatPercent } from '../../i18n/format';
import catalogClasses from '../catalog/catalog.module.css';
import { useLocalize } from '../catalog/localized';
import { TableRegion } from '../catalog/TableRegion';
import { stepLabel } from '../dossiers/labels';
import { dossierListLink, monthLabel, parseMonth, percentValue } from './dashboard-text';
import classes from './dashboard.module.css';
import { roundPoints } from './service-index-text';

/** Chart colours with at least 3:1 against white (WCAG 1.4.11). */
const COLOURS = { primary: '#1864ab', second: '#c2255c', third: '#2b8a3e' } as const;
const CHART_HEIGHT = 240;

/** The route (router.tsx loads this module as its own chunk). */
export function DashboardRoute() {
  return (
    <RequirePermission permission={PERMISSIONS.reportsRead}>
      <DashboardPage />
    </RequirePermission>
  );
}

/**
 * /staff/dashboard (reports.read): the leader dashboard. Charts (recharts,
 * this page's own chunk) each with its numbers as a table — shown on demand,
 * always read by screen readers; the overdue groups link to the dossiers list
 * filtered to exactly their dossiers. The filters live in the URL; printing
 * hides the navigation and the filters and keeps the heading (unit, period,
 * as of).
 */
export function DashboardPage() {
  const { t } = useTranslation();
  usePageTitle(t('reports.dashboard.pageTitle'));
  const localize = useLocalize();
  const units = useUnits();
  const [params, setParams] = useSearchParams();
  const query: DashboardParams = {};
  const unitParam = params.get('unit');
  if (unitParam) query.unit = unitParam;
  const from = parseMonth(params.get('from') ?? '');
  const to = parseMonth(params.get('to') ?? '');
  if (from) query.from = from;
  if (to) query.to = to;
  if (params.get('includeDescendants') === 'true') query.includeDescendants = 'true';
  const dashboard = useDashboard(query);
  const data = dashboard.data;

  const update = (key: string, value: string | null) => {
    // From the address as it is now: two changes in a row must not drop the first (the hook's params lag a render behind).
    const next = new URLSearchParams(window.location.search);
    if (value === null || value === '') next.delete(key);
    else next.set(key, value);
    setParams(next, { replace: true });
  };

  return (
    <Stack gap="lg" className={classes.page}>
      <Stack gap={4}>
        <Title order={1}>{t('reports.dashboard.heading')}</Title>
        {data && (
          <Text fw={500} data-testid="dashboard-subtitle">
            {t('reports.dashboard.subtitle', {
              unit: localize(data.unit.name, data.unit.nameEn),
              from: monthLabel(data.period.from),
              to: monthLabel(data.period.to),
              asOf: formatDateTime(data.asOf),
            })}
            {data.includeDescendants && ` · ${t('reports.dashboard.withDescendants')}`}
          </Text>
        )}
      </Stack>

      <Group gap="sm" align="flex-end" role="search" aria-label={t('reports.dashboard.filters')} className={classes.noPrint}>
        <Select
          label={t('reports.dashboard.unit')}
          data={(units.data ?? []).map((u) => ({ value: u.code, label: `${u.code} — ${localize(u.name, u.nameEn)}` }))}
          value={unitParam ?? data?.unit.code ?? null}
          onChange={(value) => update('unit', value)}
          searchable
          w={{ base: '100%', xs: 320 }}
        />
        <MonthField label={t('reports.dashboard.from')} value={params.get('from') ?? data?.period.from ?? ''} onChange={(v) => update('from', v)} />
        <MonthField label={t('reports.dashboard.to')} value={params.get('to') ?? data?.period.to ?? ''} onChange={(v) => update('to', v)} />
        <Switch
          label={t('reports.dashboard.includeDescendants')}
          checked={query.includeDescendants === 'true'}
          onChange={(e) => update('includeDescendants', e.currentTarget.checked ? 'true' : null)}
          mb={8}
        />
        <Button onClick={() => window.print()} variant="default">
          {t('reports.dashboard.print')}
        </Button>
      </Group>

      <ErrorAlert error={dashboard.error ?? units.error} />
      {dashboard.isPending && <Loader aria-label={t('common.loading')} />}
      {data && <DashboardBody data={data} />}
    </Stack>
  );
}

function MonthField({ label, value, onChange }: { label: string; value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState<string | null>(null);
  const shown = text ?? value;
  const invalid = shown !== '' && parseMonth(shown) === null;
  return (
    <TextInput
      type="month"
      label={label}
      description={t('reports.dashboard.monthHint')}
      value={shown}
      onChange={(e) => {
        const v = e.currentTarget.value;
        setText(v);
        if (v === '' || parseMonth(v) !== null) onChange(v);
      }}
      error={invalid ? t('reports.dashboard.monthInvalid') : undefined}
      w={{ base: '100%', xs: 180 }}
    />
  );
}

function DashboardBody({ data }: { data: Dashboard }) {
  return (
    <>
      <MonthsSection data={data} />
      <UnitsSection data={data} />
      <OverdueSection data={data} />
      <ServiceIndexSection data={data} />
    </>
  );
}

/** A titled section of the dashboard: a print page of its own. */
function Section({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className={classes.section} data-testid={testId}>
      <Title order={2} size="h3" id={id} mb="sm">
        {title}
      </Title>
      <Stack gap="md">{children}</Stack>
    </section>
  );
}

/** A chart (hidden from assistive technology: its table carries the same numbers). */
function Chart({ title, children }: { title: string; children: ReactElement }) {
  return (
    <figure className={classes.figure}>
      <Text component="figcaption" fw={500} size="sm">
        {title}
      </Text>
      <div aria-hidden="true" className={classes.chart}>
        <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
          {children}
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

/** The numbers of a section's charts: always in the page for screen readers, shown on request (and in print). */
function NumbersTable({ caption, testId, children }: { caption: string; testId: string; children: ReactNode }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  const table = (
    <TableRegion label={caption}>
      <Table striped verticalSpacing={4} data-testid={testId}>
        <Table.Caption>{caption}</Table.Caption>
        {children}
      </Table>
    </TableRegion>
  );
  return (
    <Stack gap="xs">
      <Group className={classes.noPrint}>
        <Button size="xs" variant="subtle" aria-expanded={shown} onClick={() => setShown((s) => !s)}>
          {shown ? t('reports.dashboard.hideTable') : t('reports.dashboard.showTable')}
        </Button>
      </Group>
      {shown ? table : <VisuallyHidden className={classes.printShow}>{table}</VisuallyHidden>}
    </Stack>
  );
}

function Num({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <Table.Td className={catalogClasses.numeric} data-testid={testId}>
      {children}
    </Table.Td>
  );
}

function Head({ children }: { children: ReactNode }) {
  return (
    <Table.Th scope="col" className={catalogClasses.numericHead}>
      {children}
    </Table.Th>
  );
}

function MonthsSection({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  const share = (s: number | null) => (s === null ? t('common.none') : formatPercent(s));
  const points = data.months.map((m) => ({
    month: monthLabel(m.month),
    onTime: percentValue(m.onTimeShare),
    online: percentValue(m.onlineShare),
    satisfied: percentValue(m.satisfaction.satisfiedShare),
  }));
  const percentAxis = <YAxis unit="%" domain={[0, 100]} width={48} />;
  return (
    <Section title={t('reports.dashboard.months.heading')} testId="dashboard-months">
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <Chart title={t('reports.dashboard.months.onTimeChart')}>
          <BarChart data={points} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="month" />
            {percentAxis}
            <Tooltip />
            <Bar dataKey="onTime" name={t('reports.dashboard.months.onTimeShare')} fill={COLOURS.primary} isAnimationActive={false} />
          </BarChart>
        </Chart>
        <Chart title={t('reports.dashboard.months.onlineChart')}>
          <LineChart data={points} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="month" />
            {percentAxis}
            <Tooltip />
            <Line dataKey="online" name={t('reports.dashboard.months.onlineShare')} stroke={COLOURS.second} strokeWidth={2} isAnimationActive={false} />
          </LineChart>
        </Chart>
        <Chart title={t('reports.dashboard.months.satisfactionChart')}>
          <LineChart data={points} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="month" />
            {percentAxis}
            <Tooltip />
            <Line dataKey="satisfied" name={t('reports.dashboard.months.satisfiedShare')} stroke={COLOURS.third} strokeWidth={2} connectNulls isAnimationActive={false} />
          </LineChart>
        </Chart>
      </SimpleGrid>
      <NumbersTable caption={t('reports.dashboard.months.tableCaption')} testId="dashboard-months-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('reports.dashboard.months.month')}</Table.Th>
            <Head>{t('reports.dashboard.months.received')}</Head>
            <Head>{t('reports.dashboard.months.online')}</Head>
            <Head>{t('reports.dashboard.months.settled')}</Head>
            <Head>{t('reports.dashboard.months.onTime')}</Head>
            <Head>{t('reports.dashboard.months.late')}</Head>
            <Head>{t('reports.dashboard.months.onTimeShare')}</Head>
            <Head>{t('reports.dashboard.months.onlineShare')}</Head>
            <Head>{t('reports.dashboard.months.rated')}</Head>
            <Head>{t('reports.dashboard.months.satisfiedShare')}</Head>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.months.map((m) => (
            <Table.Tr key={m.month} data-month={m.month}>
              <Table.Th scope="row">{monthLabel(m.month)}</Table.Th>
              <Num testId="received">{formatNumber(m.received.total)}</Num>
              <Num testId="online">{formatNumber(m.received.online)}</Num>
              <Num testId="settled">{formatNumber(m.settled.total)}</Num>
              <Num testId="on-time">{formatNumber(m.settled.onTime)}</Num>
              <Num testId="late">{formatNumber(m.settled.late)}</Num>
              <Num testId="on-time-share">{share(m.onTimeShare)}</Num>
              <Num testId="online-share">{share(m.onlineShare)}</Num>
              <Num testId="rated">{formatNumber(m.satisfaction.rated)}</Num>
              <Num testId="satisfied-share">{share(m.satisfaction.satisfiedShare)}</Num>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </NumbersTable>
    </Section>
  );
}

function UnitsSection({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  const localize = useLocalize();
  const share = (s: number | null) => (s === null ? t('common.none') : formatPercent(s));
  const name = (u: Dashboard['units'][number]) =>
    u.covers === 'unit' && data.units.length > 1 ? t('reports.dashboard.units.own', { unit: localize(u.unitName, u.unitNameEn) }) : localize(u.unitName, u.unitNameEn);
  return (
    <Section title={t('reports.dashboard.units.heading')} testId="dashboard-units">
      <Chart title={t('reports.dashboard.units.chart')}>
        <BarChart data={data.units.map((u) => ({ unit: u.unitCode, onTime: percentValue(u.onTimeShare) }))} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="unit" />
          <YAxis unit="%" domain={[0, 100]} width={48} />
          <Tooltip />
          <Bar dataKey="onTime" name={t('reports.dashboard.units.onTimeShare')} fill={COLOURS.primary} isAnimationActive={false} />
        </BarChart>
      </Chart>
      <NumbersTable caption={t('reports.dashboard.units.tableCaption')} testId="dashboard-units-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('reports.dashboard.units.unit')}</Table.Th>
            <Head>{t('reports.dashboard.units.received')}</Head>
            <Head>{t('reports.dashboard.units.settled')}</Head>
            <Head>{t('reports.dashboard.units.onTimeShare')}</Head>
            <Head>{t('reports.dashboard.units.pending')}</Head>
            <Head>{t('reports.dashboard.units.overdue')}</Head>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.units.map((u) => (
            <Table.Tr key={`${u.covers}:${u.unitCode}`} data-unit={u.unitCode}>
              <Table.Th scope="row">{name(u)}</Table.Th>
              <Num>{formatNumber(u.received)}</Num>
              <Num>{formatNumber(u.settled)}</Num>
              <Num>{share(u.onTimeShare)}</Num>
              <Num>{formatNumber(u.pending)}</Num>
              <Num>{formatNumber(u.overdue)}</Num>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </NumbersTable>
    </Section>
  );
}

function OverdueSection({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  const localize = useLocalize();
  const navigate = useNavigate();
  // The list needs dossier.read (administrators read reports but not dossiers): without it, plain text.
  const canOpen = can(useSignedInMe(), PERMISSIONS.dossierRead);
  const opener = (to: string, label: ReactNode) =>
    canOpen ? (
      <Anchor component={Link} to={to}>
        {label}
      </Anchor>
    ) : (
      label
    );
  const steps = data.overdue.byStep.map((g) => ({ step: stepLabel(t, g.step as Step), dossiers: g.dossiers, link: dossierListLink(g.filter) }));
  return (
    <Section title={t('reports.dashboard.overdue.heading')} testId="dashboard-overdue">
      <Text data-testid="dashboard-overdue-total">{t('reports.dashboard.overdue.total', { count: data.overdue.total })}</Text>
      {data.overdue.total > 0 && (
        <>
          <Chart title={t('reports.dashboard.overdue.byStep')}>
            <BarChart data={steps} layout="vertical" accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis type="number" allowDecimals={false} />
              <YAxis type="category" dataKey="step" width={120} />
              <Tooltip />
              <Bar
                dataKey="dossiers"
                name={t('reports.dashboard.overdue.dossiers')}
                fill={COLOURS.second}
                cursor={canOpen ? 'pointer' : 'default'}
                isAnimationActive={false}
                onClick={(entry: { payload?: { link?: string } }) => {
                  if (canOpen && entry.payload?.link) void navigate(entry.payload.link);
                }}
              />
            </BarChart>
          </Chart>
          <TableRegion label={t('reports.dashboard.overdue.byStepCaption')}>
            <Table striped verticalSpacing={4} data-testid="dashboard-overdue-steps">
              <Table.Caption>{t('reports.dashboard.overdue.byStepCaption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('reports.dashboard.overdue.step')}</Table.Th>
                  <Head>{t('reports.dashboard.overdue.dossiers')}</Head>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.overdue.byStep.map((g, i) => (
                  <Table.Tr key={g.step} data-step={g.step}>
                    <Table.Th scope="row">{opener(steps[i]?.link ?? '', steps[i]?.step)}</Table.Th>
                    <Num>{formatNumber(g.dossiers)}</Num>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableRegion>
          <TableRegion label={t('reports.dashboard.overdue.byAssigneeCaption')}>
            <Table striped verticalSpacing={4} data-testid="dashboard-overdue-assignees">
              <Table.Caption>{t('reports.dashboard.overdue.byAssigneeCaption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('reports.dashboard.overdue.officer')}</Table.Th>
                  <Table.Th scope="col">{t('reports.dashboard.overdue.unit')}</Table.Th>
                  <Head>{t('reports.dashboard.overdue.dossiers')}</Head>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.overdue.byAssignee.map((g) => (
                  <Table.Tr key={g.staffId ?? 'none'}>
                    <Table.Th scope="row">{opener(dossierListLink(g.filter), g.name ?? t('reports.dashboard.overdue.unassigned'))}</Table.Th>
                    <Table.Td>{g.unitName === null ? t('common.none') : localize(g.unitName, g.unitNameEn)}</Table.Td>
                    <Num>{formatNumber(g.dossiers)}</Num>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableRegion>
        </>
      )}
    </Section>
  );
}

function ServiceIndexSection({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  const s = data.serviceIndex;
  const groupName = (id: string) => t(`reports.serviceIndex.groups.${id}`, { defaultValue: id });
  return (
    <Section title={t('reports.dashboard.serviceIndex.heading', { year: s.year })} testId="dashboard-service-index">
      <Text>
        {t('reports.serviceIndex.score', { points: formatNumber(roundPoints(s.score.points)), measuredMax: formatNumber(s.score.measuredMax) })}{' '}
        <Anchor component={Link} to="/staff/service-index" className={classes.noPrint}>
          {t('reports.dashboard.serviceIndex.open')}
        </Anchor>
      </Text>
      <Chart title={t('reports.dashboard.serviceIndex.chart')}>
        <BarChart data={s.groups.map((g) => ({ group: groupName(g.id), points: roundPoints(g.points), max: g.max }))} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="group" interval={0} tick={{ fontSize: 11 }} />
          <YAxis width={40} />
          <Tooltip />
          <Legend />
          <Bar dataKey="points" name={t('reports.dashboard.serviceIndex.points')} fill={COLOURS.primary} isAnimationActive={false} />
          <Bar dataKey="max" name={t('reports.dashboard.serviceIndex.max')} fill={COLOURS.third} isAnimationActive={false} />
        </BarChart>
      </Chart>
      <NumbersTable caption={t('reports.dashboard.serviceIndex.tableCaption', { year: s.year })} testId="dashboard-service-index-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('reports.dashboard.serviceIndex.group')}</Table.Th>
            <Head>{t('reports.dashboard.serviceIndex.points')}</Head>
            <Head>{t('reports.dashboard.serviceIndex.measuredMax')}</Head>
            <Head>{t('reports.dashboard.serviceIndex.max')}</Head>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {s.groups.map((g) => (
            <Table.Tr key={g.id}>
              <Table.Th scope="row">{groupName(g.id)}</Table.Th>
              <Num>{formatNumber(roundPoints(g.points))}</Num>
              <Num>{formatNumber(g.measuredMax)}</Num>
              <Num>{formatNumber(g.max)}</Num>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </NumbersTable>
    </Section>
  );
}
