/** Blank optional text is sent as null, so that clearing a field clears it on the server. */
export function blankToNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/**
 * The fields of `next` that differ from `current`: PATCH bodies carry only
 * what the user changed, plus the version.
 */
export function changedFields<T extends object>(current: { [K in keyof T]?: unknown }, next: T): Partial<T> {
  const changes: Partial<T> = {};
  for (const key of Object.keys(next) as (keyof T)[]) {
    if (next[key] !== undefined && JSON.stringify(current[key]) !== JSON.stringify(next[key])) changes[key] = next[key];
  }
  return changes;
}
