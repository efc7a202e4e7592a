export * from './working-calendar-years.repository';
export * from './deadline-recomputation';
export * from './working-calendar-sweeps';
export * from './working-calendars-core.module';
export * from './working-calendars.module';
