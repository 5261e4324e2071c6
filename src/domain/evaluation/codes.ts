/**
 * The annual evaluation's code lists, defined once: the database schema (src/db/schema/evaluations.ts),
 * the API's zod schemas and, through the generated OpenAPI types, the web app take them from here.
 * Entry statuses are the workflow's (workflow.ts).
 */
import type { Grade } from '../grading/types.js';

export const schemeStatuses = ['draft', 'adopted'] as const;
export const evaluationStatuses = ['draft', 'open', 'published'] as const;
/** A district's or the bureau's decision on one row of a self-evaluation. */
export const reviewDecisions = ['accepted', 'returned'] as const;
export const assignmentStatuses = ['assigned', 'declined', 'submitted'] as const;
/** The grades an entry ends with (held is only a step of the panel's ranking). */
export const finalGrades = ['excellent', 'pass', 'fail'] as const satisfies readonly Grade[];
/** Why an entry has its grade: the score, the panel's decision on a tie or an override, or lost conditions (Art 31). */
export const gradeSources = ['computed', 'tie_decision', 'override', 'lost_conditions'] as const;
/** Art 32 removal and Art 33 promotion proposals, and what the bureau did with them. */
export const proposalKinds = ['removal', 'promotion'] as const;
export const proposalStatuses = ['proposed', 'confirmed', 'rejected'] as const;

export type SchemeStatus = (typeof schemeStatuses)[number];
export type EvaluationStatus = (typeof evaluationStatuses)[number];
export type ReviewDecision = (typeof reviewDecisions)[number];
export type AssignmentStatus = (typeof assignmentStatuses)[number];
export type GradeSource = (typeof gradeSources)[number];
export type ProposalKind = (typeof proposalKinds)[number];
export type ProposalStatus = (typeof proposalStatuses)[number];
