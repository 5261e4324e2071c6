/** The five kinds of material the district government submits with the form (Art 14 (一) 1–5). */
export const materialKinds = ['application_form', 'policies', 'land_and_operation', 'residents', 'other_evidence'] as const;
export type MaterialKind = (typeof materialKinds)[number];

export const materialKindLabels: Record<MaterialKind, string> = {
  application_form: '《重庆市市级人力资源服务发展平台认定申请表》',
  policies: '当地出台推动人力资源服务业发展的战略规划和政策措施',
  land_and_operation: '平台土地使用批件或产权证明（租赁合同）、运营管理、组织构建等材料',
  residents: '平台入驻企业名录、入驻协议，平台入驻企业上年度营业收入情况',
  other_evidence: '按照认定条件需要提供的其他证明材料',
};

/** The item number of each kind in Art 14 (一), as the materials list prints it. */
export const materialKindNumbers: Record<MaterialKind, number> = {
  application_form: 1, policies: 2, land_and_operation: 3, residents: 4, other_evidence: 5,
};

export function isMaterialKind(s: string): s is MaterialKind {
  return (materialKinds as readonly string[]).includes(s);
}

/** The kinds with no file yet, in the article's order. */
export function missingMaterialKinds(present: Iterable<string>): MaterialKind[] {
  const have = new Set(present);
  return materialKinds.filter((k) => !have.has(k));
}

/** The refusal naming every kind still empty, or null when all five are there. */
export function missingMaterialsMessage(present: Iterable<string>): string | null {
  const missing = missingMaterialKinds(present);
  if (missing.length === 0) return null;
  return `申报材料不全，尚缺：${missing.map((k) => `${materialKindNumbers[k]}. ${materialKindLabels[k]}`).join('；')}（第十四条（一））`;
}
