/**
 * The year-data form's working copy: one flat structure for every platform type, read from and written
 * to the type's `data` object by the spec table. Empty inputs are left out (a half-filled year still saves).
 */
import {
  LEADER_LEVELS, SAFETY_TIERS, VALUE_ORIENTATIONS, type LeaderLevel, type Safety, type ValueOrientation, type YearData,
} from '../../../../api/types';
import type { FactGroup, FactSpec } from './specs';

export interface EventDraft {
  name: string;
  attendance: number | undefined;
  leaderLevel: LeaderLevel | undefined;
}

export interface YearDataDraft {
  numbers: Record<string, number | undefined>;
  categories: Record<string, Record<string, number | undefined>>;
  events: EventDraft[];
  safety: Safety | undefined;
  valueOrientation: ValueOrientation | undefined;
  serviceFunctions: string[];
}

export const emptyDraft = (): YearDataDraft => ({ numbers: {}, categories: {}, events: [], safety: undefined, valueOrientation: undefined, serviceFunctions: [] });

const numberOf = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const oneOf = <T extends string>(list: readonly T[], v: unknown): T | undefined => list.find((x) => x === v);

function eventOf(v: unknown): EventDraft {
  const e = isRecord(v) ? v : {};
  return { name: typeof e.name === 'string' ? e.name : '', attendance: numberOf(e.attendance), leaderLevel: oneOf(LEADER_LEVELS, e.leaderLevel) };
}

const specsOf = (groups: readonly FactGroup[]): FactSpec[] => groups.flatMap((g) => g.facts);

export function draftOf(data: YearData, groups: readonly FactGroup[]): YearDataDraft {
  // The data types are type aliases of plain objects, so they read as string-keyed records.
  const raw: Record<string, unknown> = data;
  const draft = emptyDraft();
  for (const spec of specsOf(groups)) {
    const value = raw[spec.key];
    switch (spec.kind) {
      case 'count':
      case 'yuan':
        draft.numbers[spec.key] = numberOf(value);
        break;
      case 'categories': {
        const counts = isRecord(value) ? value : {};
        draft.categories[spec.key] = Object.fromEntries(spec.categories.map((c) => [c.key, numberOf(counts[c.key])]));
        break;
      }
      case 'attendanceEvents':
      case 'leaderEvents':
        draft.events = Array.isArray(value) ? value.map(eventOf) : [];
        break;
      case 'safety':
        draft.safety = oneOf(SAFETY_TIERS, value);
        break;
      case 'valueOrientation':
        draft.valueOrientation = oneOf(VALUE_ORIENTATIONS, value);
        break;
      case 'functions':
        draft.serviceFunctions = Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : [];
        break;
    }
  }
  return draft;
}

function definedEntries(values: Record<string, number | undefined>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(values)) if (v !== undefined) out[k] = v;
  return out;
}

function eventData(e: EventDraft, withLeader: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (e.name.trim()) out.name = e.name.trim();
  // A missing attendance is sent as missing: the server names the row (举办活动（第 n 项）·参加人数).
  if (e.attendance !== undefined) out.attendance = e.attendance;
  if (withLeader && e.leaderLevel) out.leaderLevel = e.leaderLevel;
  return out;
}

export function dataOf(draft: YearDataDraft, groups: readonly FactGroup[]): YearData {
  const out: Record<string, unknown> = {};
  for (const spec of specsOf(groups)) {
    switch (spec.kind) {
      case 'count':
      case 'yuan': {
        const v = draft.numbers[spec.key];
        if (v !== undefined) out[spec.key] = v;
        break;
      }
      case 'categories': {
        const counts = definedEntries(draft.categories[spec.key] ?? {});
        if (Object.keys(counts).length > 0) out[spec.key] = counts;
        break;
      }
      case 'attendanceEvents':
      case 'leaderEvents':
        if (draft.events.length > 0) out[spec.key] = draft.events.map((e) => eventData(e, spec.kind === 'leaderEvents'));
        break;
      case 'safety':
        if (draft.safety) out[spec.key] = draft.safety;
        break;
      case 'valueOrientation':
        if (draft.valueOrientation) out[spec.key] = draft.valueOrientation;
        break;
      case 'functions': {
        const list = [...new Set(draft.serviceFunctions.map((s) => s.trim()).filter((s) => s !== ''))];
        if (list.length > 0) out[spec.key] = list;
        break;
      }
    }
  }
  // Every data field is optional, so any record is a YearData; the spec table (checked against each type's
  // fields at compile time) decides what goes in, the server validates the values.
  return out;
}

/** `data.events.2.attendance` or `data.events[2].attendance` → `events`: errors show under their fact. */
export function factOfErrorField(field: string): string {
  const path = field.replace(/\[(\d+)\]/g, '.$1').split('.').filter((p) => p !== '');
  const rest = path[0] === 'data' ? path.slice(1) : path;
  return rest[0] ?? field;
}
