/** Chinese names of the application's states and steps, from the transition table (for screens and exports). */
import { applicationActions, applicationStateLabels, transitionOf, type ApplicationAction } from './workflow.js';

export { applicationStateLabels };

export function applicationActionLabel(action: ApplicationAction): string {
  return transitionOf(action).label;
}

/** A history row's step in Chinese: a step of the table, or the creation. */
export function historyActionLabel(action: string): string {
  if (action === 'create') return '新建申请';
  const known = applicationActions.find((a) => a === action);
  return known === undefined ? '办理' : applicationActionLabel(known);
}
