export * from './delivery.js';
export * from './edition.js';
export * from './errors.js';
export * from './paper.js';
export * from './source.js';
export * from './subscriber.js';
export * from './text-guards.js';
export * from './topic.js';
