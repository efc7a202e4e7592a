import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { Notifications1764000000001 } from './1764000000001-notifications';
import { SupervisionIndexes1764000000002 } from './1764000000002-supervision-indexes';
import { Sessions1764000001000 } from './1764000001000-sessions';

/** Every migration, in order. Listed explicitly so the same list runs from ts (tests) and js (dist). */
export const MIGRATIONS = [InitialSchema1764000000000, Notifications1764000000001, SupervisionIndexes1764000000002, Sessions1764000001000];
