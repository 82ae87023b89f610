export { createApp } from './app.js';
export type { AppOverrides, TandemApp } from './app.js';
export { CONFIG_ENV_VARS, loadConfig } from './config/config.js';
export type { Config } from './config/config.js';
