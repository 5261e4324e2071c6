import type { Role } from './roles.js';

/** Who is acting: the logged-in user as the rules see it. */
export interface Actor {
  userId: string;
  username: string;
  role: Role;
  organizationId: string;
  organizationName: string;
  /** The district of the actor's organization (district units, district governments, operators). */
  districtCode: string | null;
}
