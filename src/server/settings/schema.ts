import { z } from 'zod';

export const securitySettingsSchema = z.object({
  lockoutThreshold: z.number().int().min(3).max(20),
  lockoutMinutes: z.number().int().min(1).max(1440),
  idleTimeoutMinutes: z.number().int().min(5).max(240),
});
export type SecuritySettings = z.infer<typeof securitySettingsSchema>;

export const defaultSecuritySettings: SecuritySettings = {
  lockoutThreshold: 5,
  lockoutMinutes: 15,
  idleTimeoutMinutes: 30,
};
