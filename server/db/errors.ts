/** True when `err` (or the driver error drizzle wrapped in it) violates the named unique constraint. */
export function isUniqueViolation(err: unknown, constraint: string): boolean {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const pgErr = e as { code?: unknown; constraint?: unknown };
    if (pgErr.code === '23505' && pgErr.constraint === constraint) return true;
  }
  return false;
}
