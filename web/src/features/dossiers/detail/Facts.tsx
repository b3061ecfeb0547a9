import type { ReactNode } from 'react';
import classes from '../../catalog/catalog.module.css';

/** Label–value pairs; entries whose value is null are left out. */
export function Facts({ items, testId }: { items: readonly (readonly [string, ReactNode | null])[]; testId?: string }) {
  return (
    <dl className={classes.facts} data-testid={testId}>
      {items
        .filter(([, value]) => value !== null)
        .map(([label, value]) => (
          <div key={label} style={{ display: 'contents' }}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
    </dl>
  );
}
