export * from './deadline-firing';
export * from './deadline-firing.service';
export * from './deadline-reconciler';
export * from './deadline.processor';
export * from './deadline-worker.module';
export * from './deadline-sweeps';
