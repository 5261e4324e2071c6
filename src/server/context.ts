import type { Actor } from '../domain/auth/actor.js';

/** Who acts and from where: what every use case and audit row needs. */
export interface RequestContext {
  actor: Actor;
  ip: string | null;
  userAgent: string | null;
}
