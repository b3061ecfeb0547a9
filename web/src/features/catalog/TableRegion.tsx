import type { ReactNode } from 'react';
import classes from './catalog.module.css';

/**
 * Wraps a table that may not fit a phone: it scrolls sideways inside this
 * named, focusable region (so keyboard users can scroll it too) and the page
 * itself never scrolls horizontally.
 */
export function TableRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className={classes.tableRegion} role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
