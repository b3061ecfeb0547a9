import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { StaffCreate, StaffListQuery, StaffUpdate, UnitCreate, UnitUpdate } from '../../../contracts/org';
import { api } from './client';
import { staffKey, unitsKey } from './keys';
import { InitialPasswordSchema, StaffCreatedSchema, StaffListSchema, StaffSchema, UnitListSchema, UnitSchema } from './schemas';

export function useUnits(enabled = true) {
  return useQuery({
    queryKey: unitsKey,
    queryFn: ({ signal }) => api.get('/api/v1/org/units', UnitListSchema, undefined, signal),
    select: (list) => list.items,
    enabled,
  });
}

export function useCreateUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UnitCreate) => api.post('/api/v1/org/units', input, UnitSchema),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: unitsKey }),
  });
}

export function useUpdateUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UnitUpdate & { id: string }) =>
      api.patch(`/api/v1/org/units/${encodeURIComponent(id)}`, body, UnitSchema),
    onSettled: () => queryClient.invalidateQueries({ queryKey: unitsKey }),
  });
}

export function useStaffList(filter: StaffListQuery) {
  return useQuery({
    queryKey: [...staffKey, filter],
    // Searches go by POST so that names never appear in URLs or access logs.
    queryFn: ({ signal }) =>
      filter.q
        ? api.post('/api/v1/org/staff/search', filter, StaffListSchema, signal)
        : api.get('/api/v1/org/staff', StaffListSchema, { unitId: filter.unitId, active: filter.active }, signal),
    select: (list) => list.items,
    placeholderData: (previous) => previous,
  });
}

export function useCreateStaff() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: StaffCreate) => api.post('/api/v1/org/staff', input, StaffCreatedSchema),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: staffKey }),
  });
}

export function useUpdateStaff() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: StaffUpdate & { id: string }) =>
      api.patch(`/api/v1/org/staff/${encodeURIComponent(id)}`, body, StaffSchema),
    onSettled: () => queryClient.invalidateQueries({ queryKey: staffKey }),
  });
}

export function useSetStaffActive() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, active }: { id: string; version: number; active: boolean }) =>
      api.post(
        `/api/v1/org/staff/${encodeURIComponent(id)}/${active ? 'enable' : 'disable'}`,
        { version },
        StaffSchema,
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: staffKey }),
  });
}

export function useResetStaffPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api.post(`/api/v1/org/staff/${encodeURIComponent(id)}/reset-password`, undefined, InitialPasswordSchema),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: staffKey }),
  });
}
