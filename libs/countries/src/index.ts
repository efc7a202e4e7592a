export * from './domain';
export * from './country-requirements.provider';
export * from './working-calendars.provider';
export * from './directory.provider';
export * from './countries-data.module';
export * from './countries.module';
