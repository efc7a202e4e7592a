export * from './outbox.writer';
export * from './outbox.repository';
export * from './outbox.module';
