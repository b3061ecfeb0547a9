/**
 * Working calendars: the year's non-working days, settings and official
 * decisions of the national calendar (`default`) or of a unit. Responses are
 * parsed with the contracts' schemas (contracts/calendar.ts).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  CalendarDays,
  CalendarDecision,
  CalendarSettings,
  type CalendarDecisionCreate,
  type CalendarSettingsUpdate,
} from '../../../contracts/calendar';
import { api } from './client';
import { calendarKey } from './keys';

export type { CalendarDays, CalendarDecision, CalendarSettings, NonWorkingDay } from '../../../contracts/calendar';

const DecisionListSchema = z.object({ items: z.array(CalendarDecision) });
const base = (code: string) => `/api/v1/calendar/${encodeURIComponent(code)}`;

export function useCalendarDays(code: string, year: number) {
  return useQuery({
    queryKey: [...calendarKey, code, 'days', year],
    queryFn: ({ signal }) => api.get(`${base(code)}/days`, CalendarDays, { year }, signal),
  });
}

export function useCalendarSettings(code: string) {
  return useQuery({
    queryKey: [...calendarKey, code, 'settings'],
    queryFn: ({ signal }) => api.get(`${base(code)}/settings`, CalendarSettings, undefined, signal),
  });
}

export function useCalendarDecisions(code: string, year: number) {
  return useQuery({
    queryKey: [...calendarKey, code, 'decisions', year],
    queryFn: ({ signal }) => api.get(`${base(code)}/decisions`, DecisionListSchema, { year }, signal),
    select: (list) => list.items,
  });
}

/** Any calendar write can change what units below inherit: every calendar view is refetched. */
function useCalendarMutation<I, O>(fn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => queryClient.invalidateQueries({ queryKey: calendarKey }) });
}

export function useSaveCalendarSettings(code: string) {
  return useCalendarMutation((body: CalendarSettingsUpdate) => api.put(`${base(code)}/settings`, body, CalendarSettings));
}

export function useResetCalendarSettings(code: string) {
  return useCalendarMutation((version: number) =>
    api.delete(`${base(code)}/settings?version=${encodeURIComponent(String(version))}`),
  );
}

export function useAddCalendarDecision(code: string) {
  return useCalendarMutation((body: CalendarDecisionCreate) => api.post(`${base(code)}/decisions`, body, CalendarDecision));
}

export function useRemoveCalendarDecision(code: string) {
  return useCalendarMutation((id: string) => api.delete(`${base(code)}/decisions/${encodeURIComponent(id)}`));
}
