/** Choices of the notice screens, labelled from the domain's enumerations. */
import { dayCountingLabels, dayCountings, publicitySubjectTypes } from '../../../domain/publicity/notice';
import { ENUM_LABELS } from '../../../domain/labels/enums';

export const KIND_OPTIONS = publicitySubjectTypes.map((k) => ({ value: k, label: ENUM_LABELS.publicitySubject[k] }));
export const COUNTING_OPTIONS = dayCountings.map((c) => ({ value: c, label: dayCountingLabels[c] }));
