import { describe, expect, it } from 'vitest';
import { isAppError } from '@tandem/schema';
import { CONFIG_ENV_VARS, loadConfig } from './config.js';

function configError(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (isAppError(error, 'CONFIG_INVALID')) return error.message;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('loadConfig', () => {
  it('applies the documented defaults to an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      dataDir: './data',
      mongoUri: undefined,
      redisUrl: undefined,
      seed: 'demo',
      allowPrivateNetwork: false,
      nodeEnv: 'development',
      allowedOrigins: [],
      admin: undefined,
    });
  });

  it('reads every variable, treating empty strings as unset', () => {
    const config = loadConfig({
      PORT: '0',
      TANDEM_DATA_DIR: '/var/tandem',
      MONGODB_URI: 'mongodb://mongo:27017/tandem?replicaSet=rs0',
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: 'http://127.0.0.1:9999/v1',
      TANDEM_MODEL: 'gpt-4o-mini',
      REDIS_URL: 'redis://redis:6379',
      TANDEM_SEED: 'none',
      TANDEM_ALLOW_PRIVATE_NETWORK: 'true',
      TANDEM_SECRET_KEY: 'x'.repeat(44),
      TANDEM_ADMIN_EMAIL: 'Boss@Example.com',
      TANDEM_ADMIN_PASSWORD: 'a-long-password',
      NODE_ENV: 'production',
      TANDEM_CORS_ORIGIN: 'https://tandem.example.com, http://localhost:5173',
      TANDEM_LOG_LEVEL: '',
      TANDEM_TRUST_PROXY: '1',
    });
    expect(config).toMatchObject({
      port: 0,
      dataDir: '/var/tandem',
      mongoUri: 'mongodb://mongo:27017/tandem?replicaSet=rs0',
      openai: { apiKey: 'sk-test', baseUrl: 'http://127.0.0.1:9999/v1', model: 'gpt-4o-mini' },
      redisUrl: 'redis://redis:6379',
      seed: 'none',
      allowPrivateNetwork: true,
      admin: { email: 'boss@example.com', password: 'a-long-password' },
      nodeEnv: 'production',
      allowedOrigins: ['https://tandem.example.com', 'http://localhost:5173'],
      logLevel: 'info',
      trustProxyHops: 1,
    });
  });

  it('names every bad variable on its own line', () => {
    const message = configError({
      PORT: '70000',
      TANDEM_SEED: 'lots',
      MONGODB_URI: 'postgres://nope',
      TANDEM_ALLOW_PRIVATE_NETWORK: 'maybe',
    });
    expect(message).toContain('PORT: Use 0..65535 (0 picks a free port) (got "70000")');
    expect(message).toContain('TANDEM_SEED: Use demo or none (got "lots")');
    expect(message).toContain('MONGODB_URI: Use a mongodb://');
    expect(message).toContain('TANDEM_ALLOW_PRIVATE_NETWORK: Use true or false');
  });

  it('never echoes a secret value in the error', () => {
    const message = configError({ TANDEM_SECRET_KEY: 'short-secret' });
    expect(message).toContain('TANDEM_SECRET_KEY');
    expect(message).not.toContain('short-secret');
  });

  it('masks the user and password of an invalid connection string', () => {
    const message = configError({
      MONGODB_URI: 'mongodb://admin:S3cret/Pw@db host/x',
      REDIS_URL: 'http://default:r3dis-pass@cache:6379',
      OPENAI_BASE_URL: 'ftp://key:0penai-pass@llm.example',
    });
    for (const secret of ['S3cret', 'Pw@', 'r3dis-pass', '0penai-pass', 'admin:', 'default:']) {
      expect(message).not.toContain(secret);
    }
    expect(message).toContain('MONGODB_URI');
    expect(message).toContain('(got "mongodb://…@db host/x")');
    expect(message).toContain('(got "http://…@cache:6379")');
  });

  it('requires the first admin email and password together', () => {
    expect(configError({ TANDEM_ADMIN_EMAIL: 'a@b.co' })).toContain('TANDEM_ADMIN_PASSWORD');
  });

  it('refuses origins that are not http(s) origins', () => {
    expect(configError({ TANDEM_CORS_ORIGIN: 'ftp://x' })).toContain('TANDEM_CORS_ORIGIN');
  });

  it('runs separate server and worker roles only with Redis, and metrics only with a token', () => {
    expect(loadConfig({}).role).toBe('all');
    expect(configError({ TANDEM_ROLE: 'worker' })).toContain('TANDEM_ROLE: Separate server');
    expect(configError({ TANDEM_ROLE: 'cluster' })).toContain('Use all, server or worker');
    const worker = loadConfig({ TANDEM_ROLE: 'worker', REDIS_URL: 'redis://localhost:6379' });
    expect(worker).toMatchObject({ role: 'worker', queueLockMs: 30_000, metrics: undefined });
    expect(configError({ TANDEM_METRICS_PORT: '9464' })).toContain('TANDEM_METRICS_TOKEN');
    const secret = 'a-metrics-token-nobody-sees';
    const message = configError({ TANDEM_METRICS_TOKEN: secret });
    expect(message).toContain('TANDEM_METRICS_PORT');
    expect(configError({ TANDEM_METRICS_TOKEN: 'short' })).not.toContain('short"');
    expect(loadConfig({ TANDEM_METRICS_PORT: '0', TANDEM_METRICS_TOKEN: secret }).metrics).toEqual({
      port: 0,
      token: secret,
    });
  });

  it('lists the variable names it reads', () => {
    expect(CONFIG_ENV_VARS).toEqual(
      expect.arrayContaining([
        'PORT',
        'TANDEM_DATA_DIR',
        'MONGODB_URI',
        'OPENAI_API_KEY',
        'OPENAI_BASE_URL',
        'TANDEM_MODEL',
        'REDIS_URL',
        'TANDEM_SEED',
        'TANDEM_ALLOW_PRIVATE_NETWORK',
        'TANDEM_SECRET_KEY',
        'TANDEM_ADMIN_EMAIL',
        'TANDEM_ADMIN_PASSWORD',
        'NODE_ENV',
        'TANDEM_CORS_ORIGIN',
      ]),
    );
  });
});
