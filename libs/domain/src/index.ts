/**
 * The vocabulary shared by requests and deadlines (DESIGN §2-§5): roles, states, actions,
 * types, deadline kinds and effects, ISO 8601 durations and the preservation rules. Pure
 * TypeScript (luxon for calendar arithmetic): no framework, no I/O.
 */
export * from './roles';
export * from './request.types';
export * from './deadline-effects';
export * from './iso-duration';
export * from './preservation';
export * from './supporting-documents';
export * from './authority-names';
