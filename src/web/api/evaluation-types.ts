/**
 * The score schemes', the annual evaluation's and the notifications' shapes, each an alias of the
 * server's OpenAPI document (generated/schema.d.ts).
 */
import type { ScoreSheet } from '../../domain/rules/score-sheet';
import type { ScoreScheme } from '../../domain/rules/scheme-types';
import type { EntryStatus } from '../../domain/evaluation/workflow';
import type { GradeOrHeld as Grade } from '../../domain/grading/types';
import type { BodyOf, QueryOf, ResponseOf } from './request';

type ItemOf<T> = T extends readonly (infer I)[] ? I : never;

export type { EntryStatus, Grade, ScoreScheme, ScoreSheet };

export type SchemeRow = ItemOf<ResponseOf<'/schemes'>>;
export type SchemeStatus = SchemeRow['status'];
/**
 * A scheme's document is the domain's ScoreScheme, which both sides import: the server checks
 * every stored or submitted document against it (schemeOutline, validateScheme) while its JSON
 * schema stays an open record, too deep for the document's types.
 */
export type WithScheme<T extends { document: unknown }> = Omit<T, 'document'> & { document: ScoreScheme };
export type SchemeDetail = WithScheme<ResponseOf<'/schemes/{id}'>>;
export type SchemeDiff = ResponseOf<'/schemes/{id}/diff'>;
export type SchemeDiffRow = ItemOf<SchemeDiff['rows']>;
export type FieldChange = ItemOf<SchemeDiff['other']>;
export type CloneSchemeBody = BodyOf<'/schemes/{id}/clone'>;

export type EvaluationRow = ResponseOf<'/evaluations/{id}'>;
export type EvaluationStatus = EvaluationRow['status'];
export type CreateEvaluationBody = BodyOf<'/evaluations'>;
export type WindowsBody = BodyOf<'/evaluations/{id}/windows', 'patch'>;

export type EntryRow = ItemOf<ResponseOf<'/evaluations/{id}/entries'>>;
export type EntryDetail = ResponseOf<'/evaluations/{id}/entries/{entryId}'>;
export type RowReview = ItemOf<EntryDetail['reviews']>;
export type ReviewDecision = BodyOf<'/evaluations/{id}/entries/{entryId}/rows/{code}/review', 'put'>['decision'];
export type SaveEntryBody = BodyOf<'/evaluations/{id}/entries/{entryId}', 'put'>;
export type EntryPreview = ResponseOf<'/evaluations/{id}/entries/{entryId}/preview', 'post'>;

export type Impact = ResponseOf<'/evaluations/{id}/impact'>;
export type ImpactItem = ItemOf<Impact['items']>;
export type ImpactSide = ImpactItem['current'];

export type NotificationPage = ResponseOf<'/notifications'>;
export type NotificationRow = ItemOf<NotificationPage['items']>;
export type NotificationQuery = QueryOf<'/notifications'>;

/** POST /rules/score input (docs/rules.md). */
export type ScoreRequest = BodyOf<'/rules/score'>;
