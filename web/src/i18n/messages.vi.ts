/** The Vietnamese messages: the shared file and one file per area, mounted under the area's name (`portal.…`). */
import citizen from './citizen.vi.json';
import contacts from './contacts.vi.json';
import feedback from './feedback.vi.json';
import portal from './portal.vi.json';
import base from './vi.json';

export const vi = { ...base, citizen, portal, contacts, feedback };
export type Messages = typeof vi;
