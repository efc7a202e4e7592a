export * from './seal-key-store';
export * from './seal-store.module';
export * from './seals.module';
export * from './demo-seals';
