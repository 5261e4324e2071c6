/**
 * The roles of HRSP and the organization kinds users belong to. The three administrators
 * (三员, GB/T 22239 §8.1.4) are separate: `admin` (system: users, organizations, business),
 * `security_admin` (security settings, lockouts, online sessions), `auditor` (the only reader of
 * the audit and login logs). None of them can both act and hide what it did.
 */
export const roles = ['admin', 'security_admin', 'auditor', 'bureau', 'district', 'district_gov', 'operator', 'expert'] as const;
export type Role = (typeof roles)[number];

export const orgKinds = ['bureau', 'district', 'district_gov', 'operator', 'expert_pool'] as const;
/**
 * What an expert's affiliation (conflict of interest) may be: an operator (its platforms are avoided in
 * reviews), a district government or HRSS bureau (its district's recognition applications are avoided).
 */
export const affiliationOrgKinds = ['operator', 'district_gov', 'district'] as const;
export type OrgKind = (typeof orgKinds)[number];

export const roleLabels: Record<Role, string> = {
  admin: '系统管理员',
  security_admin: '安全管理员',
  auditor: '安全审计员',
  bureau: '市局业务人员',
  district: '区县人社局',
  district_gov: '区县政府',
  operator: '平台运营方',
  expert: '评审专家',
};

export const orgKindLabels: Record<OrgKind, string> = {
  bureau: '市人力社保局',
  district: '区县人社局',
  district_gov: '区县人民政府',
  operator: '平台运营机构',
  expert_pool: '专家库',
};

/** Which organization kind each role's users belong to. */
export const orgKindOfRole: Record<Role, OrgKind> = {
  admin: 'bureau',
  security_admin: 'bureau',
  auditor: 'bureau',
  bureau: 'bureau',
  district: 'district',
  district_gov: 'district_gov',
  operator: 'operator',
  expert: 'expert_pool',
};

/**
 * The security administrator's and the auditor's accounts are outside the system
 * administrator's reach (create, edit, disable, reset password, or give those roles): otherwise
 * the system administrator could take an auditor's account over and read or watch its own
 * traces. They are created with `hrsp create-admin NAME --role security_admin|auditor`.
 */
export function managedBySystemAdmin(role: Role): boolean {
  return role !== 'security_admin' && role !== 'auditor';
}

/** Why an organization cannot be disabled (the server refuses the same), or null: the bureau runs the system. */
export function disableOrganizationRefusal(kind: OrgKind): string | null {
  return kind === 'bureau' ? '市局是系统的主管机构，不能停用' : null;
}
