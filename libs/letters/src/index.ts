export * from './letter-input';
export * from './letter-labels';
export * from './letter-document';
export * from './render-letter';
