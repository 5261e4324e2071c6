import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/request';
import { refusalLines } from './useSteps';

describe('refusalLines', () => {
  it('lists a 400 or 409 refusal in the server’s words: each field’s message, else the message', () => {
    const fields = new ApiError(400, { code: 'VALIDATION_FAILED', message: '两处错误', details: [{ field: 'need', message: '急需的重大战略、规划或项目：须写明' }, { field: 'consent', message: '市人力社保局同意意见：须写明' }] });
    expect(refusalLines(fields)).toEqual(['急需的重大战略、规划或项目：须写明', '市人力社保局同意意见：须写明']);
    const conflict = new ApiError(409, { code: 'NOT_ALLOWED', message: '公示期未满，不能作出认定', details: [] });
    expect(refusalLines(conflict)).toEqual(['公示期未满，不能作出认定']);
  });

  it('leaves any other failure to the error message (null)', () => {
    expect(refusalLines(new ApiError(403, { code: 'FORBIDDEN', message: '无权操作', details: [] }))).toBeNull();
    expect(refusalLines(new ApiError(500, { code: 'INTERNAL', message: '服务器错误', details: [] }))).toBeNull();
    expect(refusalLines(new Error('network'))).toBeNull();
  });
});
