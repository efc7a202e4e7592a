export * from './iso-codes';
export * from './config-file-error';
export * from './country-requirements.types';
export * from './country-requirements.schema';
export * from './country-requirements.loader';
export * from './request-completeness';
export * from './working-calendar.types';
export { dayNumberOf, workingCalendarsFileSchema } from './working-calendar.schema';
export * from './working-calendar.loader';
