/**
 * Feedback: satisfaction ratings (by the applicant with code + secret, or at
 * the counter tablet), the ratings summary, the public suggestion box, hotline
 * calls and the leaders' answers. Responses are parsed with the contracts'
 * schemas (contracts/feedback.ts).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  DossierRatingState,
  FeedbackItem,
  FeedbackItemList,
  RatingResult,
  RatingSummary,
  SuggestionReceived,
  type AnswerInput,
  type FeedbackItemsQuery,
  type HotlineInput,
  type PublicRatingInput,
  type StaffRatingInput,
  type SuggestionInput,
} from '../../../contracts/feedback';
import { api } from './client';
import { dossiersKey, feedbackKey } from './keys';

export type { Criterion, DossierRatingState, FeedbackItem, FeedbackItemList, FeedbackKind, RatingResult, RatingSummary, Score } from '../../../contracts/feedback';

/** The list's query as sent: numbers and the flag as the URL carries them. */
export type FeedbackQuery = Omit<FeedbackItemsQuery, 'page' | 'pageSize' | 'overdue'> & { page?: number; pageSize?: number; overdue?: 'true' | 'false' };

/** A rating body without the channel (the server's default applies at the counter). */
export type RatingBody = z.input<typeof StaffRatingInput>;

function dossierRatingPath(code: string): string {
  return `/api/v1/dossiers/${encodeURIComponent(code)}/rating`;
}

/** The applicant's own rating: code and secret in the body, never the URL. */
export function usePublicRating() {
  return useMutation({
    mutationFn: (input: PublicRatingInput) => api.post('/api/v1/public/ratings', input, RatingResult),
  });
}

/** Whether a dossier has been rated (channel and time), for the counter's action; refreshed with dossier writes. */
export function useDossierRatingState(code: string, enabled: boolean) {
  return useQuery({
    queryKey: [...dossiersKey, 'rating', code],
    queryFn: ({ signal }) => api.get(dossierRatingPath(code), DossierRatingState, undefined, signal),
    select: (state) => state.rating,
    enabled,
  });
}

/** A rating entered on the counter tablet. */
export function useCounterRating(code: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RatingBody) => api.post(dossierRatingPath(code), body, RatingResult),
    onSettled: () => queryClient.invalidateQueries({ queryKey: [...dossiersKey, 'rating', code] }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...feedbackKey, 'summary'] }),
  });
}

/** Ratings given between two days (YYYY-MM-DD, Vietnam time, both included) in the officer's scope. */
export function useRatingSummary(range: { from: string; to: string } | null) {
  return useQuery({
    queryKey: [...feedbackKey, 'summary', range],
    queryFn: ({ signal }) => api.get('/api/v1/feedback/ratings/summary', RatingSummary, range ?? {}, signal),
    enabled: range !== null,
    placeholderData: keepPreviousData,
  });
}

/** The public suggestion box (the honeypot `website` is sent as the form has it). */
export function useSuggestion() {
  return useMutation({
    mutationFn: (input: SuggestionInput) => api.post('/api/v1/public/suggestions', input, SuggestionReceived),
  });
}

export function useLogHotline() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: HotlineInput) => api.post('/api/v1/feedback/hotline', input, FeedbackItem),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...feedbackKey, 'items'] }),
  });
}

export function useFeedbackItems(query: FeedbackQuery) {
  return useQuery({
    queryKey: [...feedbackKey, 'items', query],
    queryFn: ({ signal }) => api.get('/api/v1/feedback/items', FeedbackItemList, { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}

/**
 * Answers an item with the version the leader read (optimistic locking: a
 * colleague's answer first makes it 409 VERSION_CONFLICT or
 * FEEDBACK_ALREADY_ANSWERED). The lists take the answered item as the server
 * sends it back, then refetch.
 */
export function useAnswerItem() {
  const queryClient = useQueryClient();
  const itemsKey = [...feedbackKey, 'items'];
  return useMutation({
    mutationFn: ({ id, ...body }: AnswerInput & { id: string }) =>
      api.post(`/api/v1/feedback/items/${encodeURIComponent(id)}/answer`, body, FeedbackItem),
    onSuccess: (answered) => {
      queryClient.setQueriesData<FeedbackItemList>({ queryKey: itemsKey }, (list) =>
        list ? { ...list, items: list.items.map((item) => (item.id === answered.id ? answered : item)) } : list,
      );
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: itemsKey }),
  });
}
