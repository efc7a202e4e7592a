export * from './domain/request.types';
export * from './domain/request-state-machine';
export * from './domain/request-content';
export * from './domain/event-hash';
export * from './requests.module';
export * from './requests.repository';
export * from './transitions/transitions.service';
export * from './notification-plan';
