export * from './deadline-policy.types';
export * from './deadline-policy.loader';
export * from './deadline-policy.resolver';
