export * from './file-store';
export * from './storage.module';
