import { asc } from 'drizzle-orm';
import { districts } from '../../db/schema/index.js';
import type { Executor } from '../../db/client.js';

export async function listDistricts(db: Executor) {
  return db.select().from(districts).orderBy(asc(districts.code));
}
