export * from './choices.js';
export * from './import-csv.js';
export * from './manage.js';
export * from './normalize-email.js';
export * from './ports.js';
export * from './subscribe.js';
export * from './tokens.js';
export * from './urls.js';
