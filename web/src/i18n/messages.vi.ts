/**
 * The Vietnamese messages of the first bundle: the shared file and one file per
 * area, mounted under the area's name (`portal.…`). The staff workspace's own
 * messages come with the workspace (staff-messages.ts).
 */
import board from './board.vi.json';
import citizen from './citizen.vi.json';
import contacts from './contacts.vi.json';
import feedback from './feedback.vi.json';
import portal from './portal.vi.json';
import type reportsVi from './reports.vi.json';
import type staffVi from './staff.vi.json';
import base from './vi.json';

export const vi = { ...base, citizen, portal, contacts, feedback, board };

/**
 * Every message, the staff workspace's included (staff.vi.json and the
 * `reports` area, loaded with the workspace: see staff-messages.ts), for the
 * types of `t()`.
 */
export type Messages = typeof vi & typeof staffVi & { reports: typeof reportsVi };
