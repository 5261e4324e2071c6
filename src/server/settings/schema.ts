import { z } from 'zod';

export const securitySettingsSchema = z.object({
  lockoutThreshold: z.number().int().min(3).max(20),
  lockoutMinutes: z.number().int().min(1).max(1440),
  idleTimeoutMinutes: z.number().int().min(5).max(240),
  /** Absolute session lifetime: a session ends this long after login, however busy. */
  sessionMaxHours: z.number().int().min(1).max(168),
  /** Days a password may be used before it must be changed at the next login; 0: no limit. */
  passwordMaxAgeDays: z.number().int().min(0).max(3650),
});
export type SecuritySettings = z.infer<typeof securitySettingsSchema>;

export const defaultSecuritySettings: SecuritySettings = {
  lockoutThreshold: 5,
  lockoutMinutes: 15,
  idleTimeoutMinutes: 30,
  sessionMaxHours: 12,
  passwordMaxAgeDays: 90,
};
