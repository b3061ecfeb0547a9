import { Alert, Badge, Button, Checkbox, Group, Loader, NativeSelect, Pagination, Stack, Table, Text, Title } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFeedbackItems, type FeedbackItem, type FeedbackKind, type FeedbackQuery } from '../../api/feedback';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDateTime } from '../../i18n/format';
import { TableRegion } from '../catalog/TableRegion';
import { AnswerModal } from './AnswerModal';
import { dueState, type DueState } from './feedback-text';
import classes from './feedback.module.css';

const PAGE_SIZE = 20;
type StatusFilter = 'all' | 'open' | 'answered';
type KindFilter = 'all' | FeedbackKind;

/** White on these shades meets 4.5:1; the words say the state, the colour only repeats it. */
const DUE_COLORS: Record<DueState, string> = { overdue: 'red.9', open: 'blue.8', answered: 'teal.9', answeredLate: 'orange.9' };
const WHOLE = { root: { flexShrink: 0, maxWidth: 'none' }, label: { overflow: 'visible' } } as const;

export function DueBadge({ item }: { item: FeedbackItem }) {
  const { t } = useTranslation();
  const state = dueState(item);
  return (
    <Badge color={DUE_COLORS[state]} variant="filled" styles={WHOLE} data-due-state={state}>
      {t(`feedback.items.dueStates.${state}`)}
    </Badge>
  );
}

/**
 * /staff/feedback (feedback.answer: leaders): the suggestions and hotline calls
 * of the units in scope, the earliest due first, overdue ones marked, filtered
 * by status, source and overdue, paged; each answered in a dialog that sends
 * the version read.
 */
export function FeedbackPage() {
  const { t } = useTranslation();
  usePageTitle(t('feedback.items.pageTitle'));
  const [status, setStatus] = useState<StatusFilter>('open');
  const [kind, setKind] = useState<KindFilter>('all');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [page, setPage] = useState(1);
  const query: FeedbackQuery = {
    ...(status === 'all' ? {} : { status }),
    ...(kind === 'all' ? {} : { kind }),
    ...(overdueOnly ? { overdue: 'true' } : {}),
    page,
    pageSize: PAGE_SIZE,
  };
  const list = useFeedbackItems(query);
  const [answering, setAnswering] = useState<FeedbackItem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const countRef = useRef<HTMLParagraphElement>(null);

  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const filter = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    setPage(1);
  };

  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Title order={1}>{t('feedback.items.heading')}</Title>
        <Text c="dimmed">{t('feedback.items.lead')}</Text>
      </Stack>

      <Group gap="sm" align="flex-end" role="search" aria-label={t('feedback.items.filters')}>
        <NativeSelect
          label={t('feedback.items.status')}
          value={status}
          onChange={(event) => {
            const value = event.currentTarget.value;
            filter(setStatus)(value === 'open' || value === 'answered' ? value : 'all');
          }}
          data={[
            { value: 'open', label: t('feedback.items.statusOpen') },
            { value: 'answered', label: t('feedback.items.statusAnswered') },
            { value: 'all', label: t('feedback.items.statusAll') },
          ]}
          w={{ base: '100%', sm: 200 }}
        />
        <NativeSelect
          label={t('feedback.items.kind')}
          value={kind}
          onChange={(event) => {
            const value = event.currentTarget.value;
            filter(setKind)(value === 'suggestion' || value === 'hotline' ? value : 'all');
          }}
          data={[
            { value: 'all', label: t('feedback.items.kindAll') },
            { value: 'suggestion', label: t('feedback.items.kinds.suggestion') },
            { value: 'hotline', label: t('feedback.items.kinds.hotline') },
          ]}
          w={{ base: '100%', sm: 200 }}
        />
        <Checkbox
          label={t('feedback.items.overdueOnly')}
          checked={overdueOnly}
          onChange={(event) => filter(setOverdueOnly)(event.currentTarget.checked)}
          mb={8}
        />
      </Group>

      <div role="status">
        {notice && (
          <Alert color="green" variant="light" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setNotice(null)} data-testid="feedback-notice">
            {notice}
          </Alert>
        )}
      </div>
      <ErrorAlert error={list.error} />
      {list.isPending && <Loader aria-label={t('common.loading')} />}
      {list.data && (
        <Text size="sm" c="dimmed" aria-live="polite" ref={countRef} tabIndex={-1} data-testid="feedback-count">
          {t('feedback.items.count', { count: total })}
        </Text>
      )}
      {list.data && items.length === 0 && <Text>{t('feedback.items.empty')}</Text>}
      {items.length > 0 && (
        <TableRegion label={t('feedback.items.tableCaption')}>
          <Table verticalSpacing="sm" miw={860} data-testid="feedback-table" aria-busy={list.isPlaceholderData || undefined}>
            <Table.Caption>{t('feedback.items.tableCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('feedback.items.receivedAt')}</Table.Th>
                <Table.Th scope="col">{t('feedback.items.kind')}</Table.Th>
                <Table.Th scope="col">{t('feedback.items.unit')}</Table.Th>
                <Table.Th scope="col">{t('feedback.items.content')}</Table.Th>
                <Table.Th scope="col">{t('feedback.items.dueAt')}</Table.Th>
                <Table.Th scope="col">{t('feedback.items.state')}</Table.Th>
                <Table.Th scope="col">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => (
                <Table.Tr key={item.id} data-item-id={item.id} data-kind={item.kind} data-overdue={item.overdue} className={item.overdue ? classes.overdueRow : undefined}>
                  <Table.Th scope="row" fw={500}>
                    {formatDateTime(item.receivedAt)}
                  </Table.Th>
                  <Table.Td>{t(`feedback.items.kinds.${item.kind}`)}</Table.Td>
                  <Table.Td>{item.unit.name}</Table.Td>
                  <Table.Td>
                    <Stack gap={4}>
                      <Text size="sm" className={classes.itemText}>
                        {item.text}
                      </Text>
                      {item.caller && (
                        <Text size="xs" c="dimmed">
                          {t('feedback.items.caller')}: {item.caller}
                        </Text>
                      )}
                      {item.contact && (
                        <Text size="xs" c="dimmed">
                          {t('feedback.items.contact')}: {item.contact}
                        </Text>
                      )}
                      {item.answer && (
                        <Stack gap={0} mt={4} data-testid="item-answer">
                          <Text size="xs" c="dimmed">
                            {t('feedback.items.answeredBy', { name: item.answeredBy?.name ?? '', date: item.answeredAt ? formatDateTime(item.answeredAt) : '' })}
                          </Text>
                          <Text size="sm" className={classes.itemText}>
                            {item.answer}
                          </Text>
                        </Stack>
                      )}
                    </Stack>
                  </Table.Td>
                  <Table.Td>{formatDateTime(item.dueAt)}</Table.Td>
                  <Table.Td>
                    <DueBadge item={item} />
                  </Table.Td>
                  <Table.Td>
                    {item.status === 'open' && (
                      <Button
                        size="compact-sm"
                        variant="default"
                        aria-label={t('feedback.items.answerAria', { date: formatDateTime(item.receivedAt) })}
                        onClick={() => {
                          setNotice(null);
                          setAnswering(item);
                        }}
                      >
                        {t('feedback.items.answer')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableRegion>
      )}
      {pages > 1 && (
        <nav aria-label={t('feedback.items.pagination')}>
          <Stack gap={4} align="center">
            <Pagination
              total={pages}
              value={Math.min(page, pages)}
              onChange={(next) => {
                setPage(next);
                countRef.current?.focus();
              }}
              siblings={1}
              boundaries={1}
              getItemProps={(n) => ({ 'aria-label': t('feedback.items.page', { page: n }), 'aria-current': n === Math.min(page, pages) ? 'page' : undefined })}
              getControlProps={(control) => ({ 'aria-label': t(`feedback.items.${control}`) })}
            />
            <Text size="sm" c="dimmed">
              {t('feedback.items.pageOf', { page: Math.min(page, pages), pages })}
            </Text>
          </Stack>
        </nav>
      )}

      {answering && (
        <AnswerModal
          item={items.find((i) => i.id === answering.id) ?? answering}
          onClose={() => setAnswering(null)}
          onAnswered={(answered) => {
            setAnswering(null);
            setNotice(t('feedback.items.answered', { date: formatDateTime(answered.receivedAt) }));
          }}
        />
      )}
    </Stack>
  );
}
