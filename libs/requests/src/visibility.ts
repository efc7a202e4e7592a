/** Moved to domain/visibility.ts (one visibility rule, pure): kept so imports of './visibility' go on working. */
export * from './domain/visibility';
