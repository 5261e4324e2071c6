import type { Db } from '../../db/client.js';
import { audit, diff } from '../audit/audit.js';
import { notifyChange, onChange, onReset } from '../cluster/changes.js';
import type { RequestContext } from '../context.js';
import { readSetting, writeSetting } from './repository.js';
import { defaultSecuritySettings, securitySettingsSchema, type SecuritySettings } from './schema.js';

const KEY = 'security';
const cacheMillis = 5_000;
let cached: { at: number; value: SecuritySettings } | null = null;
// A change committed by any process (this one too) drops the copy here; five seconds bound a lost notification.
onChange('settings', clearSettingsCache);
onReset(clearSettingsCache);

/** The cached security settings while fresh, else null (then getSecuritySettings reads them): the request hook's path without a promise. */
export function cachedSecuritySettings(): SecuritySettings | null {
  return cached && Date.now() - cached.at < cacheMillis ? cached.value : null;
}

/** Security settings, read on every request, so cached briefly. */
export async function getSecuritySettings(db: Db): Promise<SecuritySettings> {
  if (cached && Date.now() - cached.at < cacheMillis) return cached.value;
  // Settings saved before a field existed take that field's default.
  const stored = await readSetting(db, KEY);
  const parsed = securitySettingsSchema.safeParse({ ...defaultSecuritySettings, ...(typeof stored === 'object' ? stored : {}) });
  const value = parsed.success ? parsed.data : defaultSecuritySettings;
  cached = { at: Date.now(), value };
  return value;
}

export async function updateSecuritySettings(db: Db, ctx: RequestContext, next: SecuritySettings): Promise<SecuritySettings> {
  const before = await getSecuritySettings(db);
  await db.transaction(async (tx) => {
    await writeSetting(tx, KEY, next);
    await audit(tx, ctx, { action: 'settings.update', entityType: 'settings', entityId: KEY, summary: diff(before, next) });
    await notifyChange(tx, 'settings', KEY);
  });
  cached = null;
  return next;
}

export function clearSettingsCache(): void {
  cached = null;
  demoCache = null;
}

let demoCache: boolean | null = null;

/** Whether the database holds the demo dataset (a marker the demo seed writes). */
export async function isDemoDatabase(db: Db): Promise<boolean> {
  demoCache ??= (await readSetting(db, 'demo')) === true;
  return demoCache;
}
