/**
 * A unit's public contacts and citizen-reception schedule, and the staff's
 * editing of the counters (regular officer), the duty roster and the
 * schedule. Responses are parsed with the contracts' schemas
 * (contracts/contacts.ts).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  DutyEntry,
  DutyRoster,
  PublicReceptionSchedule,
  PublicUnitContacts,
  PublicUnitList,
  ReceptionEntry,
  ReceptionList,
  type CounterUpdate,
  type ReceptionCancel,
  type ReceptionCreate,
  type ReceptionUpdate,
} from '../../../contracts/contacts';
import { Counter } from '../../../contracts/org';
import type { UnitKind } from '../../../contracts/roles';
import { api } from './client';
import { contactsKey } from './keys';

export type {
  DutyEntry,
  DutyRoster,
  PublicCounter,
  PublicReceptionEntry,
  PublicReceptionSchedule,
  PublicUnitContacts,
  PublicUnitSummary,
  ReceptionEntry,
} from '../../../contracts/contacts';
export type { Counter } from '../../../contracts/org';

const CounterListSchema = z.object({ items: z.array(Counter) });

/** The public path of a unit's contact page. */
export function unitContactsPath(code: string): string {
  return `/don-vi/${encodeURIComponent(code)}`;
}

const unitPath = (code: string) => `/api/v1/public/units/${encodeURIComponent(code)}`;

export interface PublicUnitFilter {
  q?: string;
  kind?: UnitKind;
  limit: number;
  offset: number;
}

export function usePublicUnits(filter: PublicUnitFilter) {
  return useQuery({
    queryKey: [...contactsKey, 'public', 'units', filter],
    queryFn: ({ signal }) => api.get('/api/v1/public/units', PublicUnitList, { ...filter }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useUnitContacts(code: string) {
  return useQuery({
    queryKey: [...contactsKey, 'public', 'contacts', code],
    queryFn: ({ signal }) => api.get(`${unitPath(code)}/contacts`, PublicUnitContacts, undefined, signal),
  });
}

/** The public schedule: from today for the default four weeks unless a range is given. */
export function usePublicReceptionSchedule(code: string, enabled = true) {
  return useQuery({
    queryKey: [...contactsKey, 'public', 'reception', code],
    queryFn: ({ signal }) => api.get(`${unitPath(code)}/reception-schedule`, PublicReceptionSchedule, undefined, signal),
    enabled,
  });
}

// ---------------------------------------------------------------- staff

export function useCounters(unitId: string | undefined) {
  return useQuery({
    queryKey: [...contactsKey, 'counters', unitId],
    queryFn: ({ signal }) =>
      api.get(`/api/v1/org/units/${encodeURIComponent(unitId ?? '')}/counters`, CounterListSchema, undefined, signal),
    select: (result) => result.items,
    enabled: unitId !== undefined,
  });
}

export function useDutyRoster(unitId: string | undefined, from: string | undefined, to: string | undefined) {
  return useQuery({
    queryKey: [...contactsKey, 'roster', unitId, from, to],
    queryFn: ({ signal }) =>
      api.get(`/api/v1/org/units/${encodeURIComponent(unitId ?? '')}/duty-roster`, DutyRoster, { from, to }, signal),
    enabled: unitId !== undefined,
    placeholderData: keepPreviousData,
  });
}

function useInvalidateContacts() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: contactsKey }),
      // The intake page's counter picker.
      queryClient.invalidateQueries({ queryKey: ['org', 'counters'] }),
    ]);
}

export function useUpdateCounter() {
  const invalidate = useInvalidateContacts();
  return useMutation({
    mutationFn: ({ id, ...body }: CounterUpdate & { id: string }) => api.patch(`/api/v1/org/counters/${encodeURIComponent(id)}`, body, Counter),
    onSettled: invalidate,
  });
}

/** Sets (staffId) or removes (null) the officer of a counter on a day. */
export function useSetDuty() {
  const invalidate = useInvalidateContacts();
  return useMutation({
    mutationFn: ({ counterId, date, staffId }: { counterId: string; date: string; staffId: string | null }) => {
      const path = `/api/v1/org/counters/${encodeURIComponent(counterId)}/duties/${encodeURIComponent(date)}`;
      return staffId === null ? api.delete(path) : api.put(path, { staffId }, DutyEntry).then(() => undefined);
    },
    onSettled: invalidate,
  });
}

export function useStaffReceptionSchedule(unitId: string | undefined, from: string | undefined, to: string | undefined) {
  return useQuery({
    queryKey: [...contactsKey, 'reception', unitId, from, to],
    queryFn: ({ signal }) =>
      api.get(`/api/v1/org/units/${encodeURIComponent(unitId ?? '')}/reception-schedule`, ReceptionList, { from, to }, signal),
    enabled: unitId !== undefined,
    placeholderData: keepPreviousData,
  });
}

export type SaveReception = { mode: 'create'; unitId: string; input: ReceptionCreate } | { mode: 'update'; id: string; input: ReceptionUpdate };

export function useSaveReception() {
  const invalidate = useInvalidateContacts();
  return useMutation({
    mutationFn: (save: SaveReception) =>
      save.mode === 'create'
        ? api.post(`/api/v1/org/units/${encodeURIComponent(save.unitId)}/reception-schedule`, save.input, ReceptionEntry)
        : api.patch(`/api/v1/org/reception-schedule/${encodeURIComponent(save.id)}`, save.input, ReceptionEntry),
    onSettled: invalidate,
  });
}

export function useCancelReception() {
  const invalidate = useInvalidateContacts();
  return useMutation({
    mutationFn: ({ id, ...body }: ReceptionCancel & { id: string }) =>
      api.post(`/api/v1/org/reception-schedule/${encodeURIComponent(id)}/cancel`, body, ReceptionEntry),
    onSettled: invalidate,
  });
}
