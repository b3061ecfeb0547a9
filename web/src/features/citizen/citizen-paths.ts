/**
 * The account pages' paths and the return address carried between them,
 * without the zod schemas (the public header uses these on every page).
 */
import { isSafeReturnTo } from '../../../../contracts/return-to';

export const ACCOUNT_PATH = '/tai-khoan';
export const SIGN_IN_PATH = '/dang-nhap';
export const SIGN_UP_PATH = '/dang-ky';

/** Where to go after signing in: a path of this site from `?returnTo=`, never back to the sign-in pages. */
export function safeReturnTo(param: string | null): string | null {
  if (param === null || !isSafeReturnTo(param)) return null;
  if (/^\/(dang-nhap|dang-ky)(\/|\?|#|$)/.test(param)) return null;
  return param;
}

/** Carries the return address on to another sign-in page. */
export function withReturnTo(path: string, returnTo: string | null): string {
  return returnTo ? `${path}?${new URLSearchParams({ returnTo }).toString()}` : path;
}
