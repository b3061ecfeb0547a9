/** Column types drizzle has no builder for, shared by the modules' schemas. */
import { customType } from 'drizzle-orm/pg-core';

/** bytea as a Node Buffer. */
export const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });
