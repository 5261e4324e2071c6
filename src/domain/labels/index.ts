/**
 * The one table of Chinese names (issue #12): request and response fields, the rule engine's
 * facts and their parts, every enumeration value, audit actions and object types, notification
 * kinds, and field paths in error messages. Server (validation, refusals, exports, audit log,
 * notifications) and web (screens) read names from here only.
 */
export * from './facts.js';
export * from './fields.js';
export * from './enums.js';
export * from './path.js';
export type { AuditAction, AuditEntity } from '../audit/labels.js';
export { auditActionLabels, auditEntityLabels, auditFieldLabels, actionLabel, entityLabel, fieldLabel as auditFieldLabel } from '../audit/labels.js';

/** Whether a text holds a Chinese character: what a label must, so that a code name is not taken for one. */
export const hasCjk = (text: string): boolean => /[\u3400-\u9fff]/.test(text);
export * from './values.js';
