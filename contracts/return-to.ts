/**
 * A same-site return path (after a sign-in): starts with one `/`, no `//` or
 * `\` (which browsers read as another host), no control characters. Apart
 * from contracts/citizens.ts so that the public header can use it without
 * loading the zod schemas.
 */
export function isSafeReturnTo(path: string): boolean {
  // eslint-disable-next-line no-control-regex
  return path.length <= 500 && /^\/(?![/\\])/.test(path) && !/[\\\u0000-\u001f\u007f]/.test(path);
}
