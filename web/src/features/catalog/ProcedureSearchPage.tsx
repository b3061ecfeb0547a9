import { Anchor, Button, Group, Loader, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useRef, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ONLINE_LEVELS, OnlineLevel, PROCEDURE_LEVELS, ProcedureLevel } from '../../../../contracts/catalog';
import { useCatalogFields, useCatalogUnits, useProcedureSearch, type ProcedureFilter } from '../../api/catalog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../components/usePageTitle';
import classes from './catalog.module.css';
import { Localized, useLocalize } from './localized';
import { OnlineLevelBadge } from './OnlineLevelBadge';
import { settlementText } from './procedure-text';
import { PageNav } from '../../components/PageNav';

const PAGE_SIZE = 20;
const FILTER_KEYS = ['q', 'field', 'level', 'online', 'unit'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

export function procedurePath(code: string): string {
  return `/thu-tuc/${encodeURIComponent(code)}`;
}

/**
 * Public procedure search. The query and the filters live in the URL
 * (`/thu-tuc?q=khai+sinh&field=civil_status`): a search can be bookmarked,
 * shared and gone back to; procedure names are not personal data.
 */
export function ProcedureSearchPage() {
  const { t } = useTranslation();
  const localize = useLocalize();
  usePageTitle(t('catalog.search.pageTitle'));
  const [params, setParams] = useSearchParams();
  const statusRef = useRef<HTMLParagraphElement>(null);

  const q = params.get('q')?.trim() ?? '';
  const field = params.get('field') ?? '';
  const level = ProcedureLevel.safeParse(params.get('level')).data;
  const online = OnlineLevel.safeParse(params.get('online')).data;
  const unit = params.get('unit') ?? '';
  const page = Math.max(1, Math.floor(Number(params.get('page'))) || 1);

  const filter: ProcedureFilter = {
    ...(q ? { q } : {}),
    ...(field ? { field } : {}),
    ...(level ? { level } : {}),
    ...(online ? { online } : {}),
    ...(unit ? { unit } : {}),
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
  const search = useProcedureSearch(filter);
  const fields = useCatalogFields();
  const units = useCatalogUnits();

  /** Sets URL parameters; any change other than the page starts again at page 1. */
  const update = (changes: Partial<Record<FilterKey | 'page', string>>) => {
    setParams((previous) => {
      const next = new URLSearchParams(previous);
      for (const [key, value] of Object.entries(changes)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      if (!('page' in changes)) next.delete('page');
      return next;
    });
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = new FormData(event.currentTarget).get('q');
    update({ q: typeof value === 'string' ? value.trim() : '' });
  };

  const total = search.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const items = search.data?.items ?? [];
  const filtered = FILTER_KEYS.some((key) => params.has(key));
  const all = { value: '', label: t('catalog.search.all') };

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={1}>{t('catalog.search.heading')}</Title>
        <Text>{t('catalog.search.lead')}</Text>
      </Stack>

      {/* Keyed by the query so that going back in history shows that search's words. */}
      <form role="search" onSubmit={submit} key={q} aria-label={t('catalog.search.heading')}>
        <Group gap="sm" align="flex-end" wrap="nowrap">
          <TextInput
            name="q"
            type="search"
            label={t('catalog.search.label')}
            placeholder={t('catalog.search.placeholder')}
            defaultValue={q}
            autoComplete="off"
            enterKeyHint="search"
            maxLength={200}
            style={{ flex: 1, minWidth: 0 }}
          />
          <Button type="submit">{t('catalog.search.submit')}</Button>
        </Group>
      </form>

      <Stack gap="xs" component="section" aria-label={t('catalog.search.filters')}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" style={{ alignItems: 'end' }}>
          <NativeSelect
            label={t('catalog.labels.field')}
            value={field}
            onChange={(event) => update({ field: event.currentTarget.value })}
            data={[all, ...(fields.data ?? []).map((f) => ({ value: f.code, label: localize(f.name, f.nameEn) }))]}
          />
          <NativeSelect
            label={t('catalog.labels.level')}
            value={level ?? ''}
            onChange={(event) => update({ level: event.currentTarget.value })}
            data={[all, ...PROCEDURE_LEVELS.map((value) => ({ value, label: t(`catalog.levels.${value}`) }))]}
          />
          <NativeSelect
            label={t('catalog.labels.online')}
            value={online ?? ''}
            onChange={(event) => update({ online: event.currentTarget.value })}
            data={[all, ...ONLINE_LEVELS.map((value) => ({ value, label: t(`catalog.online.${value}`) }))]}
          />
          <NativeSelect
            label={t('catalog.labels.applyAt')}
            value={unit}
            onChange={(event) => update({ unit: event.currentTarget.value })}
            data={[all, ...(units.data ?? []).map((u) => ({ value: u.code, label: localize(u.name, u.nameEn) }))]}
          />
        </SimpleGrid>
        {filtered && (
          <Button
            variant="subtle"
            size="compact-sm"
            style={{ alignSelf: 'flex-start' }}
            onClick={() => setParams(new URLSearchParams())}
          >
            {t('catalog.search.clear')}
          </Button>
        )}
      </Stack>

      <ErrorAlert error={search.error} />

      <Stack
        gap="sm"
        component="section"
        aria-label={t('catalog.search.resultsLabel')}
        aria-busy={search.isFetching || search.isPlaceholderData}
        data-testid="search-results"
        data-query={params.toString()}
      >
        <Group gap="xs">
          <Text fw={600} role="status" ref={statusRef} tabIndex={-1} data-testid="result-count">
            {search.isPending
              ? t('catalog.search.searching')
              : search.data
                ? t('catalog.search.count', { count: total })
                : ''}
          </Text>
          {search.isFetching && !search.isPending && <Loader size="xs" aria-hidden="true" />}
        </Group>

        {search.data && items.length === 0 && <Text>{t('catalog.search.empty')}</Text>}

        {items.length > 0 && (
          <ul className={classes.plainList} data-testid="procedure-results">
            {items.map((procedure) => (
              <Paper component="li" withBorder p="md" key={procedure.code} data-procedure-code={procedure.code}>
                <Stack gap={6}>
                  <Title order={2} size="h4">
                    <Anchor component={Link} to={procedurePath(procedure.code)}>
                      <Localized vi={procedure.name} en={procedure.nameEn} />
                    </Anchor>
                  </Title>
                  <div>
                    <OnlineLevelBadge level={procedure.onlineLevel} />
                  </div>
                  <dl className={classes.summaryFacts}>
                    <div>
                      <dt>{t('catalog.labels.code')}</dt>
                      <dd>{procedure.code}</dd>
                    </div>
                    <div>
                      <dt>{t('catalog.labels.field')}</dt>
                      <dd>
                        <Localized vi={procedure.fieldName} en={procedure.fieldNameEn} />
                      </dd>
                    </div>
                    <div>
                      <dt>{t('catalog.labels.level')}</dt>
                      <dd>{t(`catalog.levels.${procedure.level}`)}</dd>
                    </div>
                    <div>
                      <dt>{t('catalog.labels.settlement')}</dt>
                      <dd>{settlementText(t, procedure.settlement)}</dd>
                    </div>
                  </dl>
                </Stack>
              </Paper>
            ))}
          </ul>
        )}

        <PageNav
          page={page}
          pages={pages}
          onChange={(next) => {
            update({ page: next === 1 ? '' : String(next) });
            statusRef.current?.focus();
          }}
        />
      </Stack>
    </Stack>
  );
}
