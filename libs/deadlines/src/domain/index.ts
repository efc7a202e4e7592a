export * from './iso-duration';
export * from './business-days';
export * from './deadline-arithmetic';
export * from './preservation';
