export * from './file-store';
export * from './storage.module';
export * from './transfers/file-transfers';
export * from './transfers/file-transfer.interceptor';
