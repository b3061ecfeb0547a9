/** Reports: the periodic statistics and the service index of Decision 766 (contracts/reports.ts, docs/api.md "Reports", "Service index"). */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Dashboard, ServiceIndex, Statistics } from '../../../contracts/reports';
import { api } from './client';

export type { ServiceIndex, ServiceIndexIndicator, Statistics, StatisticsRow } from '../../../contracts/reports';

const statisticsKey = ['reports', 'statistics'] as const;

/** The periodic statistics for an API query (`unit`, `period`, `from`…, as strings); null: not asked yet. */
export function useStatistics(query: Record<string, string> | null) {
  return useQuery({
    queryKey: [...statisticsKey, query],
    queryFn: ({ signal }) => api.get('/api/v1/reports/statistics', Statistics, query ?? {}, signal),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}

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

// ---------------------------------------------------------------- the leader dashboard

export type { Dashboard } from '../../../contracts/reports';

/** The dashboard's query as the URL carries it; without `unit`, the caller's own unit. */
export type DashboardParams = { unit?: string; from?: string; to?: string; includeDescendants?: 'true' | 'false' };

export function useDashboard(query: DashboardParams) {
  return useQuery({
    queryKey: ['reports', 'dashboard', query],
    queryFn: ({ signal }) => api.get('/api/v1/reports/dashboard', Dashboard, { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}
