import { InitialSchema1764000000000 } from './1764000000000-initial-schema';

/** Every migration, in order. Listed explicitly so the same list runs from ts (tests) and js (dist). */
export const MIGRATIONS = [InitialSchema1764000000000];
