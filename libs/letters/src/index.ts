export * from './letter-input';
export * from './letter-labels';
export * from './letter-document';
export * from './render-letter';
export * from './chaser-input';
export * from './chaser-labels';
export * from './chaser-document';
export * from './render-chaser';
