export * from './audit.row';
export * from './audit.repository';
export * from './audit.module';
