export * from './deadline-policy.provider';
export * from './deadlines.repository';
export * from './deadline-planner';
export * from './deadlines.module';
export * from './policy';
export * from './domain';
export * from './scheduling';
