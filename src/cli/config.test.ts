import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';

describe('configuration from the environment', () => {
  it('defaults the login limit to 10 a minute and takes HRSP_LOGIN_RATE_LIMIT', () => {
    expect(loadConfig({}).loginRateLimit).toBe(10);
    expect(loadConfig({ HRSP_LOGIN_RATE_LIMIT: '120' }).loginRateLimit).toBe(120);
    expect(loadConfig({}).sessionRateLimit).toBe(600);
    expect(loadConfig({}).addressRateLimit).toBe(1200);
    expect(loadConfig({ HRSP_SESSION_RATE_LIMIT: '900', HRSP_ADDRESS_RATE_LIMIT: '5000' })).toMatchObject({ sessionRateLimit: 900, addressRateLimit: 5000 });
    expect(() => loadConfig({ HRSP_SESSION_RATE_LIMIT: '0' })).toThrow(/HRSP_SESSION_RATE_LIMIT/);
  });

  it('refuses a limit that is not a whole number in range, naming the variable', () => {
    expect(() => loadConfig({ HRSP_LOGIN_RATE_LIMIT: '0' })).toThrow(/HRSP_LOGIN_RATE_LIMIT/);
    expect(() => loadConfig({ HRSP_LOGIN_RATE_LIMIT: '1.5' })).toThrow(/HRSP_LOGIN_RATE_LIMIT/);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
  });
});
