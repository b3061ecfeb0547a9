/** The English messages, loaded only when English is chosen (a separate chunk). Same shape as messages.vi.ts. */
import board from './board.en.json';
import citizen from './citizen.en.json';
import contacts from './contacts.en.json';
import feedback from './feedback.en.json';
import portal from './portal.en.json';
import base from './en.json';

export const en = { ...base, citizen, portal, contacts, feedback, board };
