/** Request field types shared by the registry features; limits defined once, used by API and forms. */
import { z } from 'zod';
import { isIsoDate } from '../domain/dates/iso-date.js';
import { nameProblem, textProblem } from '../domain/shared/text.js';
import { fieldLabelOrUndefined } from '../domain/labels/index.js';

/** Money is whole yuan; the rule engine's bound (10^15) keeps every sum exact. */
export const MAX_YUAN = 1e15;
export const MAX_COUNT = 1e9;

export const isoDate = z.string().refine(isIsoDate, { error: '须为日期（YYYY-MM-DD）' });
export const yuan = z.number({ error: '须为整数金额（元）' }).int({ error: '须为整数（元），不能有小数' }).min(0, { error: '不能为负数' }).max(MAX_YUAN, { error: '金额过大' });
export const countField = z.number({ error: '须为整数' }).int({ error: '须为整数' }).min(0, { error: '不能为负数' }).max(MAX_COUNT, { error: '数值过大' });
/** Building area in m², at most two decimals. */
export const areaM2 = z.number({ error: '须为数字（平方米）' }).min(0, { error: '不能为负数' }).max(1e10, { error: '面积过大' })
  .refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, { error: '最多两位小数' });
export const year = z.coerce.number({ error: '须为年份' }).int({ error: '须为年份' }).min(2000, { error: '年份不能早于 2000' }).max(2100, { error: '年份不能晚于 2100' });
/** A string checked by one of the text rules (src/domain/shared/text.ts); the message is the rule's. */
const checked = (problem: (s: string) => string | null) => (s: string, ctx: z.RefinementCtx) => {
  const message = problem(s);
  if (message !== null) ctx.addIssue({ code: 'custom', message });
};
/** Any text: no control characters (the validator refuses them in every field too; this keeps the schema honest on its own). */
export const text = (max = 200) => z.string().trim().max(max).superRefine(checked(textProblem));
/** A name of a person, organization, platform, enterprise, site: one line, no direction overrides, something visible. */
export const nameText = (max = 200, min = 1) => z.string().trim().min(min).max(max).superRefine(checked(nameProblem));
/** An optional name: empty means none. */
export const optionalName = (max = 200) => z.string().trim().max(max).superRefine(checked((s) => (s === '' ? null : nameProblem(s)))).transform((s) => (s === '' ? null : s)).nullable().optional();
export const shortText = (max = 200) => text(max).min(1);
export const optionalText = (max = 200) => text(max).transform((s) => (s === '' ? null : s)).nullable().optional();
export const phone = z.string().trim().regex(/^[0-9+\-() ]{5,20}$/, '应为 5–20 位电话号码');
/**
 * A PATCH body: every field optional, but at least one given. An empty body would otherwise reach
 * the repository as an UPDATE with nothing to set (a 500); it is refused naming what may be changed.
 */
export const patchBody = <T extends z.core.$ZodLooseShape>(shape: T) =>
  z.object(shape).refine((o) => Object.values(o).some((v) => v !== undefined), {
    error: `请至少填写一项要修改的内容：${Object.keys(shape).map((k) => fieldLabelOrUndefined(k) ?? k).join('、')}`,
  });
export const uuidParam = z.uuid({ error: '编号格式不正确' });
export const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');
