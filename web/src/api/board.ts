/**
 * The public transparency board (GET /api/v1/public/board[/{unitCode}]),
 * parsed with the contract (contracts/reports.ts). Refetched every minute: the
 * page also runs unattended on a large screen in the service centre.
 */
import { useQuery } from '@tanstack/react-query';
import { Board } from '../../../contracts/reports';
import { api } from './client';

export type { Board, BoardFigures } from '../../../contracts/reports';

export const BOARD_REFRESH_MS = 60_000;

export function useBoard(unitCode: string | undefined) {
  return useQuery({
    queryKey: ['public', 'board', unitCode ?? null],
    queryFn: ({ signal }) => api.get(unitCode === undefined ? '/api/v1/public/board' : `/api/v1/public/board/${encodeURIComponent(unitCode)}`, Board, undefined, signal),
    refetchInterval: BOARD_REFRESH_MS,
    refetchIntervalInBackground: true,
    retry: (failures, error) => !(error instanceof Error && 'status' in error && (error as { status: number }).status === 404) && failures < 3,
  });
}

/** Where a unit's board is (the province's without a code). */
export function boardPath(unitCode?: string, tv = false): string {
  const path = unitCode === undefined ? '/cong-khai' : `/cong-khai/${encodeURIComponent(unitCode)}`;
  return tv ? `${path}?tv=1` : path;
}
