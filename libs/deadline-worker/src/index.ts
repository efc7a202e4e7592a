export * from './deadline-firing.service';
export * from './deadline-reconciler';
export * from './deadline-worker.service';
export * from './deadline-worker.module';
