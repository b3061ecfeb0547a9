import type { Locale } from '../i18n/index.js';
import type { CitizenSessionState } from '../modules/auth/citizen-sessions.js';
import type { SessionState } from '../modules/auth/service.js';
import type { Access } from './permissions.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Every route declares who may call it; see http/access.ts. */
    access?: Access;
  }
  interface FastifyRequest {
    locale: Locale;
    staffSession: SessionState | null;
    citizenSession: CitizenSessionState | null;
  }
}
