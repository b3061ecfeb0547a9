/** TanStack Query keys, apart from the hooks so that the app shell can use them without loading the client schemas. */
export const meKey = ['auth', 'me'] as const;
export const totpSetupKey = ['auth', 'totp', 'setup'] as const;
export const unitsKey = ['org', 'units'] as const;
export const staffKey = ['org', 'staff'] as const;
/** Public and staff views of the procedure catalog; every catalog write invalidates them all. */
export const catalogKey = ['catalog'] as const;
/** Working calendars (days, settings, decisions); every calendar write invalidates them all. */
export const calendarKey = ['calendar'] as const;
/** Dossiers (lists, counts, pages, history); every dossier write invalidates them all. */
export const dossiersKey = ['dossiers'] as const;
/** Signing certificates and courtesy-letter statistics; a dossier's own documents live under dossiersKey. */
export const documentsKey = ['documents'] as const;
/** A unit's public contacts and reception schedule, counters, duty roster and the staff's schedule; every write of them invalidates them all. */
export const contactsKey = ['contacts'] as const;
/** The signed-in citizen (portal session); null when there is none. */
export const citizenMeKey = ['citizen', 'me'] as const;
/** Which citizen sign-in options the portal offers. */
export const citizenAuthOptionsKey = ['citizen', 'auth-options'] as const;
/** Ratings summary, suggestions and hotline calls; a dossier's rating state lives under dossiersKey. */
export const feedbackKey = ['feedback'] as const;
/** The citizen portal's own data: application forms, drafts, My dossiers (dropped at sign-out). */
export const portalKey = ['portal'] as const;
