/**
 * The label table is complete (issue #12, #11 item 7): every fact of every scheme's rows and
 * each of its parts, every enumeration's values, every audit action and object type, every
 * notification kind has a Chinese name. A code without one fails here before a user sees it.
 * Request and response fields: src/server/labels.test.ts walks the OpenAPI document.
 */
import { describe, expect, it } from 'vitest';
import { orgKinds, roles } from '../auth/roles.js';
import { entryActions, entryStatuses } from '../evaluation/workflow.js';
import { notificationKinds } from '../notifications/kinds.js';
import {
  carriers, operationModes, orientations, platformLevels, platformServices, platformStatuses, platformTypes, residenceModes, staffTeams,
} from '../platforms/codes.js';
import type { Rule } from '../rules/scheme-types.js';
import { findScheme, SCHEME_IDS } from '../rules/schemes/index.js';
import { summaryText } from '../audit/labels.js';
import {
  auditActionLabels, auditEntityLabels, auditFieldLabels, choicesText, ENUM_LABELS, FACT_LABELS, FACT_PART_LABELS, factLabel, factPartLabel, FIELD_LABELS,
  factPathLabel, factValueText, hasCjk, labelFor, SETTING_VALUE_LABELS, type EnumName,
} from './index.js';

/** Each fact a rule reads, with the parts it reads of it. */
function factsOf(rule: Rule): { fact: string; parts: string[] }[] {
  switch (rule.kind) {
    case 'sum':
      return rule.parts.flatMap((p) => factsOf(p.rule));
    case 'categories':
      return [{ fact: rule.fact, parts: rule.categories.map((c) => c.key) }];
    case 'judged':
      return [{ fact: rule.fact, parts: ['experts', 'panel', 'proposed'] }];
    case 'events_attendance':
      return [{ fact: rule.fact, parts: ['name', 'attendance'] }];
    case 'events_leader':
      return [{ fact: rule.fact, parts: ['name', 'attendance', 'leaderLevel'] }];
    default:
      return [{ fact: rule.fact, parts: [] }];
  }
}

const schemeFacts = SCHEME_IDS.flatMap((id) => {
  const scheme = findScheme(id);
  if (scheme === undefined) throw new Error(`scheme ${id} not found`);
  return Object.values(scheme.tables).flatMap((t) => t.rows.flatMap((row) => factsOf(row.rule).map((f) => ({ ...f, row: `${id} ${t.annex} ${row.code}`, rule: row.rule }))));
});

const missing = (table: Readonly<Record<string, string>>, values: readonly string[]) => values.filter((v) => !hasCjk(table[v] ?? ''));

describe('the label table', () => {
  it('names every fact of every scheme\'s rows, and every part of each, in Chinese', () => {
    expect(schemeFacts.length).toBeGreaterThan(50);
    expect(schemeFacts.filter((f) => !hasCjk(factLabel(f.fact))).map((f) => `${f.row}: ${f.fact}`)).toEqual([]);
    const parts = schemeFacts.flatMap((f) => f.parts.map((p) => ({ ...f, part: p })));
    expect(parts.filter((f) => !hasCjk(factPartLabel(f.fact, f.part) ?? '')).map((f) => `${f.row}: ${f.fact}.${f.part}`)).toEqual([]);
  });

  it('names every tier a tier row offers, in the enumeration of its fact', () => {
    const tiers = schemeFacts.flatMap((f) => (f.rule.kind === 'tier' ? f.rule.tiers.map((t) => ({ fact: f.fact, key: t.key })) : []));
    expect(tiers.length).toBeGreaterThan(5);
    const enumOf = (fact: string): EnumName => (fact === 'safety' ? 'safety' : 'valueOrientation');
    expect(tiers.filter((t) => !hasCjk((ENUM_LABELS[enumOf(t.fact)] as Record<string, string>)[t.key] ?? ''))).toEqual([]);
  });

  it('names every value of every enumeration the domain declares', () => {
    const lists: [EnumName, readonly string[]][] = [
      ['role', roles], ['orgKind', orgKinds], ['platformLevel', platformLevels], ['platformType', platformTypes], ['carrier', carriers],
      ['orientation', orientations], ['operationMode', operationModes], ['platformService', platformServices], ['staffTeam', staffTeams],
      ['residenceMode', residenceModes], ['platformStatus', platformStatuses], ['entryStatus', entryStatuses],
      ['notificationKind', notificationKinds], ['schemeId', SCHEME_IDS],
    ];
    expect(lists.flatMap(([name, values]) => missing(ENUM_LABELS[name], values).map((v) => `${name}: ${v}`))).toEqual([]);
  });

  it('names every workflow action as an audit action', () => {
    expect(missing(auditActionLabels, entryActions.map((a) => `evaluation.entry.${a}`))).toEqual([]);
  });

  it('holds only Chinese names', () => {
    const tables: [string, Readonly<Record<string, string>>][] = [
      ['fields', FIELD_LABELS], ['facts', FACT_LABELS], ['audit actions', auditActionLabels], ['audit objects', auditEntityLabels],
      ['audit fields', auditFieldLabels],
      ...Object.entries(FACT_PART_LABELS).map(([k, v]): [string, Readonly<Record<string, string>>] => [`parts of ${k}`, v]),
      ...Object.entries(ENUM_LABELS).map(([k, v]): [string, Readonly<Record<string, string>>] => [k, v]),
      ...Object.entries(SETTING_VALUE_LABELS).map(([k, v]): [string, Readonly<Record<string, string>>] => [`setting ${k}`, v]),
    ];
    expect(tables.flatMap(([name, t]) => Object.entries(t).filter(([, v]) => !hasCjk(v)).map(([k]) => `${name}: ${k}`))).toEqual([]);
  });
});

describe('factValueText', () => {
  it('reads a fact\'s value in Chinese: parts in the sheet\'s order, tiers by name', () => {
    expect(factValueText('residentEnterprises', { other: 19, aboveScale: 6 })).toBe('规模以上企业 6；非规模以上企业 19');
    expect(factValueText('safety', 'full')).toBe('制度健全并全面落实，全年未发生安全事故');
    expect(factValueText('events', [{ name: '招聘会', attendance: 300 }])).toBe('1 项：活动名称 招聘会；参加人数 300');
    expect(factValueText('areaM2', undefined)).toBe('—');
  });
});

describe('choicesText', () => {
  it('names the values of a refused choice from the enumeration that holds them all', () => {
    expect(choicesText(['national', 'municipal', 'district'])).toBe('national（国家级）、municipal（市级）、district（区县级）');
    expect(choicesText(['full', 'basic', 'weak', 'none'])).toContain('none（制度缺失或发生安全事故）');
    expect(choicesText(['ministerial', 'bureau', 'none'])).toContain('none（无）');
    expect(choicesText(['x', 'y'])).toBe('x、y');
  });
});

describe('the audit log', () => {
  it('names the facts an expert corrected, and a field it has no wording of its own for', () => {
    expect(summaryText({ corrections: ['areaM2', 'bureauEventsAttended'] })).toBe('事实更正：运营场地面积（平方米）、参加市人力社保局行业活动场次');
    expect(summaryText({ siteCount: 2 })).toBe('场地数：2');
  });
});

describe('labelFor', () => {
  it('names array items by their position and facts by their Chinese name', () => {
    expect(labelFor(['corrections', 0, 'value'])).toBe('事实更正（第 1 项）·更正值');
    expect(labelFor(['data', 'events', '1', 'attendance'])).toBe('举办活动（第 2 项）·参加人数');
    expect(labelFor(['facts', 'residentEnterprises', 'aboveScale'])).toBe('事实数据·线下入驻企业数量·规模以上企业');
    expect(labelFor(['facts', 'mediaReports', 'municipal'])).toBe('事实数据·正面宣传报道·市级媒体');
    expect(labelFor(['judgedScores', 'satisfaction'])).toBe('综合评定评分·服务满意度（评分）');
    expect(labelFor(['pageSize'])).toBe('每页条数');
    // The rule engine's own messages name the fact from the sheet's facts on.
    expect(factPathLabel(['events', '0', 'attendance'])).toBe('组织的行业活动（第 1 项）·参加人数');
    expect(factPathLabel(['taxYuan'])).toBe('产业园及入驻企业纳税额（元）');
  });

  it('keeps a code without a name visible rather than hiding it', () => {
    expect(labelFor(['noSuchField'])).toBe('noSuchField');
    expect(factLabel('noSuchFact')).toBe('〔noSuchFact〕');
  });
});

describe('the field label table in two files', () => {
  it('names each field in one place only (a key in both would be silently overridden)', async () => {
    const { WORKFLOW_FIELD_LABELS } = await import('./fields-workflows.js');
    const base = await import('./fields.js');
    const source = Object.keys(WORKFLOW_FIELD_LABELS);
    // FIELD_LABELS spreads the workflow labels first: a key defined again in fields.ts would win there.
    const redefined = source.filter((k) => base.FIELD_LABELS[k] !== WORKFLOW_FIELD_LABELS[k]);
    expect(redefined).toEqual([]);
  });
});
