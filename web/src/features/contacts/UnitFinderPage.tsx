import { Anchor, Button, Group, Loader, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useRef, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { UNIT_KINDS, UnitKind } from '../../../../contracts/roles';
import { unitContactsPath, usePublicUnits } from '../../api/contacts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../components/usePageTitle';
import classes from '../catalog/catalog.module.css';
import { Localized } from '../catalog/localized';
import { PageNav } from '../../components/PageNav';

const PAGE_SIZE = 50;

/**
 * The public unit finder (`/don-vi?q=hoa+vang&kind=commune`): words and kind
 * live in the URL, so a search can be shared; each unit links to its contact page.
 */
export function UnitFinderPage() {
  const { t } = useTranslation();
  usePageTitle(t('contacts.finder.pageTitle'));
  const [params, setParams] = useSearchParams();
  const q = params.get('q')?.trim() ?? '';
  const kind = UnitKind.safeParse(params.get('kind')).data;
  const page = Math.max(1, Math.floor(Number(params.get('page'))) || 1);
  const units = usePublicUnits({ ...(q ? { q } : {}), ...(kind ? { kind } : {}), limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const statusRef = useRef<HTMLParagraphElement>(null);

  const update = (changes: Record<string, string>) => {
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

  const items = units.data?.items ?? [];
  const total = units.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={1}>{t('contacts.finder.heading')}</Title>
        <Text>{t('contacts.finder.lead')}</Text>
      </Stack>

      <form role="search" onSubmit={submit} key={q} aria-label={t('contacts.finder.heading')}>
        <Stack gap="sm">
          <Group gap="sm" align="flex-end" wrap="nowrap">
            <TextInput
              name="q"
              type="search"
              label={t('contacts.finder.label')}
              placeholder={t('contacts.finder.placeholder')}
              defaultValue={q}
              autoComplete="off"
              enterKeyHint="search"
              maxLength={100}
              style={{ flex: 1, minWidth: 0 }}
            />
            <Button type="submit">{t('contacts.finder.submit')}</Button>
          </Group>
          <NativeSelect
            label={t('contacts.finder.kind')}
            value={kind ?? ''}
            onChange={(event) => update({ kind: event.currentTarget.value })}
            data={[{ value: '', label: t('contacts.finder.all') }, ...UNIT_KINDS.map((value) => ({ value, label: t(`unitKinds.${value}`) }))]}
            style={{ maxWidth: '24rem' }}
          />
        </Stack>
      </form>

      <ErrorAlert error={units.error} />

      <Stack gap="sm" component="section" aria-label={t('contacts.finder.resultsLabel')} aria-busy={units.isFetching} data-testid="unit-results">
        <Group gap="xs">
          <Text fw={600} role="status" ref={statusRef} tabIndex={-1} data-testid="unit-count">
            {units.isPending ? t('contacts.finder.searching') : units.data ? t('contacts.finder.count', { count: total }) : ''}
          </Text>
          {units.isFetching && !units.isPending && <Loader size="xs" aria-hidden="true" />}
        </Group>
        {units.data && items.length === 0 && <Text>{t('contacts.finder.empty')}</Text>}
        {items.length > 0 && (
          <ul className={classes.plainList}>
            {items.map((unit) => (
              <Paper component="li" withBorder p="md" key={unit.code} data-unit-code={unit.code}>
                <Title order={2} size="h4">
                  <Anchor component={Link} to={unitContactsPath(unit.code)}>
                    <Localized vi={unit.name} en={unit.nameEn} />
                  </Anchor>
                </Title>
                <Text size="sm" c="dimmed">
                  {t(`unitKinds.${unit.kind}`)}
                </Text>
                {unit.address && (
                  <Text size="sm" lang="vi" style={{ overflowWrap: 'anywhere' }}>
                    {unit.address}
                  </Text>
                )}
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
