export * from './business-days';
export * from './deadline-arithmetic';
