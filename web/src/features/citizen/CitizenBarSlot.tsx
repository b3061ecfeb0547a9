import { lazy, Suspense } from 'react';
import classes from './citizen.module.css';

// Loaded apart from the first page's bundle (it brings the account API and its schemas).
const CitizenBar = lazy(async () => ({ default: (await import('./CitizenBar')).CitizenBar }));

/** The public header's account row (CitizenBar), with its height kept while it loads. */
export function CitizenBarSlot() {
  return (
    <Suspense fallback={<div className={classes.bar} />}>
      <CitizenBar />
    </Suspense>
  );
}
