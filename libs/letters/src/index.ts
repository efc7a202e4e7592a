export * from './letter-input';
export * from './letter-labels';
export * from './letter-body';
export * from './letter-document';
export * from './letter-document-vi';
export * from './render-letter';
