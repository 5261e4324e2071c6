import { date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { districts } from './reference.js';
import { organizations } from './identity.js';

export const platformLevels = ['national', 'municipal', 'district'] as const;
export const platformTypes = ['comprehensive_park', 'specialized_park', 'specialized_market'] as const;
export const platformStatuses = ['preparing', 'recognized', 'filed', 'rectifying', 'exited', 'revoked'] as const;

/** The registry's platforms. The foundation holds the columns that scope and the portal need. */
export const platforms = pgTable('platforms', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  level: text('level', { enum: platformLevels }).notNull(),
  type: text('type', { enum: platformTypes }).notNull(),
  districtCode: text('district_code').notNull().references(() => districts.code),
  operatorOrgId: uuid('operator_org_id').references(() => organizations.id),
  status: text('status', { enum: platformStatuses }).notNull(),
  recognizedAt: date('recognized_at'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('platforms_district_idx').on(t.districtCode), index('platforms_operator_idx').on(t.operatorOrgId)]);
