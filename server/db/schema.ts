/** Every module's tables, for drizzle-kit and the typed database handle. */
export * from '../modules/org/schema.js';
export * from '../modules/auth/schema.js';
export * from '../modules/audit/schema.js';
export * from '../modules/catalog/schema.js';
export * from '../modules/calendar/schema.js';
export * from '../modules/dossiers/schema.js';
export * from '../modules/documents/schema.js';
export * from '../modules/notify/schema.js';
export * from '../modules/feedback/schema.js';
export * from '../modules/portal/schema.js';
export * from '../modules/reports/schema.js';
