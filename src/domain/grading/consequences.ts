/** What a grade leads to (Art 32, Art 33). */
import type { GradeOrHeld, Participant, Proposal, Recommendation } from './types.js';
import { RECOMMENDATION_TEXT } from './types.js';

export function consequences(p: Participant, g: GradeOrHeld): { recommendation: Recommendation; recommendationText: string; proposals: Proposal[] } {
  const proposals: Proposal[] = [];
  let recommendation: Recommendation;
  if (g === 'held') recommendation = 'pending';
  else if (p.level === 'district') {
    // Art 33: a voluntary district-level 优秀 is supported, never given priority.
    recommendation = g === 'excellent' ? 'supported' : 'none';
    if (g === 'excellent') {
      if (p.meetsMunicipalConditions === true) {
        proposals.push({ kind: 'recognize_as_municipal', article: '第三十三条', text: '自愿参加市级考评并评为优秀，且符合市级平台认定条件，建议直接认定为市级平台' });
      } else if (p.meetsMunicipalConditions === undefined) {
        proposals.push({ kind: 'verify_municipal_conditions', article: '第三十三条', text: '评为优秀，须核验是否符合市级平台认定条件，符合的直接认定为市级平台' });
      }
    }
  } else {
    recommendation = g === 'excellent' ? 'priority' : g === 'pass' ? 'supported' : 'not_recommended';
    if (p.level === 'municipal' && g === 'fail' && p.previousGrade === 'fail') {
      proposals.push({ kind: 'remove_from_municipal', article: '第三十二条（二）', text: '连续两年绩效评估不合格，建议不再纳入市级平台管理，待市人力社保局确认' });
    }
  }
  const text = recommendation === 'supported' && p.level === 'district'
    ? '支持开展现代生产性服务业相关政策的申报工作（第三十三条）'
    : recommendation === 'supported' ? `${RECOMMENDATION_TEXT.supported}（第三十二条（三））` : RECOMMENDATION_TEXT[recommendation];
  return { recommendation, recommendationText: text, proposals };
}
