/** Chinese names of request fields, so that validation messages name the field the user sees. */
export const fieldLabels: Record<string, string> = {
  username: '用户名',
  password: '密码',
  oldPassword: '原密码',
  newPassword: '新密码',
  displayName: '姓名',
  role: '角色',
  organizationId: '所属机构',
  phone: '联系电话',
  kind: '机构类型',
  name: '名称',
  code: '代码',
  districtCode: '所属区县',
  disabled: '停用',
  page: '页码',
  pageSize: '每页条数',
  level: '层级',
  type: '类型',
  status: '状态',
  q: '关键词',
  from: '开始时间',
  to: '结束时间',
  lockoutThreshold: '锁定阈值（失败次数）',
  lockoutMinutes: '锁定时长（分钟）',
  idleTimeoutMinutes: '会话空闲超时（分钟）',
  id: '编号',
  facts: '事实数据',
  factor: '系数',
  scheme: '评分方案',
};

export function labelFor(path: readonly PropertyKey[]): string {
  const parts = path.map(String);
  const last = [...parts].reverse().find((p) => !/^\d+$/.test(p));
  const label = last === undefined ? undefined : fieldLabels[last];
  return label ?? parts.join('.');
}
