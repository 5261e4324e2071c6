import type { Actor } from '../../domain/auth/actor.js';
import type { Db } from '../../db/client.js';
import type { RequestContext } from '../context.js';
import { demoUsers } from './repository.js';

/** The request context the demo seed acts in: an actor, no address, the seed as its agent (so the audit log says so). */
export function seedContext(actor: Actor): RequestContext {
  return { actor, ip: null, userAgent: 'demo seed' };
}

/** The demo accounts' contexts by username, read once; asking for one not read is a seed bug and throws. */
export async function demoContexts(db: Db, usernames: string[]): Promise<(username: string) => RequestContext> {
  const users = await demoUsers(db, usernames);
  return (username) => {
    const u = users.get(username);
    if (!u) throw new Error(`demo account ${username} missing`);
    return seedContext(u);
  };
}
