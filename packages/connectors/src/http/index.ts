export * from './address-policy.js';
export * from './outbound-url.js';
export * from './safe-http.client.js';
export * from './safe-fetch.js';
export * from './http-thread.js';
