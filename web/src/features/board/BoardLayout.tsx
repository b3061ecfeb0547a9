import { Outlet, useSearchParams } from 'react-router';
import { PublicShell } from '../../app/PublicShell';
import { MAIN_CONTENT_ID } from '../../components/SkipLink';
import classes from './board.module.css';

/** Whether the board is shown on a large screen (`?tv=1`). */
export function useTvMode(): boolean {
  const [params] = useSearchParams();
  return params.get('tv') === '1';
}

/**
 * The board's frame: the public shell, or on a large screen (`?tv=1`) the
 * board alone, without the header, navigation and footer.
 */
export function BoardLayout() {
  const tv = useTvMode();
  if (!tv) return <PublicShell />;
  return (
    <main id={MAIN_CONTENT_ID} tabIndex={-1} className={classes.tvMain}>
      <Outlet />
    </main>
  );
}
