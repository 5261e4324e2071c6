import { z } from 'zod';
import { choicesText } from '../domain/labels/index.js';

/** Plain Chinese validation messages; the error handler prefixes the field's Chinese name. */
export function installChineseZodMessages(): void {
  z.config(z.locales.zhCN());
  z.config({
    customError: (issue) => {
      switch (issue.code) {
        case 'invalid_type':
          return issue.input === undefined || issue.input === null ? '必须填写' : '格式不正确';
        case 'too_small':
          if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? '不能为空' : `至少 ${String(issue.minimum)} 个字符`;
          if (issue.origin === 'array') return `至少 ${String(issue.minimum)} 项`;
          return `不能小于 ${String(issue.minimum)}`;
        case 'too_big':
          if (issue.origin === 'string') return `不能超过 ${String(issue.maximum)} 个字符`;
          if (issue.origin === 'array') return `不能超过 ${String(issue.maximum)} 项`;
          return `不能大于 ${String(issue.maximum)}`;
        case 'invalid_value':
          return `取值不正确，可选值：${choicesText(issue.values)}`;
        case 'invalid_format':
          return '格式不正确';
        case 'unrecognized_keys':
          return `包含无法识别的字段：${issue.keys.join('、')}`;
        default:
          return undefined;
      }
    },
  });
}
