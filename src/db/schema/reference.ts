import { pgTable, text } from 'drizzle-orm/pg-core';

/** The 41 district units (GB/T 2260 codes plus three functional zones) and their Art 17 region group. */
export const districts = pgTable('districts', {
  code: text('code').primaryKey(),
  name: text('name').notNull().unique(),
  kind: text('kind', { enum: ['district', 'county', 'autonomous-county', 'functional-zone'] }).notNull(),
  region: text('region').notNull(),
});
