import { z } from 'zod';

export const notificationQuery = z.object({
  unread: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type NotificationQuery = z.infer<typeof notificationQuery>;

export const notificationItem = z.object({
  id: z.string(), kind: z.string(), title: z.string(), body: z.string(), link: z.string().nullable(),
  createdAt: z.string(), readAt: z.string().nullable(),
});
export const notificationPage = z.object({
  items: z.array(notificationItem), total: z.number(), unread: z.number(), page: z.number(), pageSize: z.number(),
});
export type NotificationPage = z.infer<typeof notificationPage>;

export const markReadBody = z.object({ ids: z.array(z.uuid()).max(500).optional() });
