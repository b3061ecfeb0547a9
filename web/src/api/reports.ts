/** Reports: the service index of Decision 766 (contracts/reports.ts, docs/api.md "Service index"). */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ServiceIndex } from '../../../contracts/reports';
import { api } from './client';

export type { ServiceIndex, ServiceIndexIndicator } from '../../../contracts/reports';

const serviceIndexKey = ['reports', 'service-index'] as const;

/** A unit's service index over a calendar year; null: not asked yet. */
export function useServiceIndex(query: { unit: string; year: number } | null) {
  return useQuery({
    queryKey: [...serviceIndexKey, query],
    queryFn: ({ signal }) => api.get('/api/v1/reports/service-index', ServiceIndex, query ? { unit: query.unit, year: String(query.year) } : {}, signal),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}
