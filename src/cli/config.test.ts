import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';

describe('configuration from the environment', () => {
  it('defaults the rate limits to what a 50-person office behind one address needs, and takes the variables', () => {
    expect(loadConfig({})).toMatchObject({ loginRateLimit: 60, sessionRateLimit: 6000, addressRateLimit: 3000, rateLimitSyncMs: 1000 });
    expect(loadConfig({ HRSP_LOGIN_RATE_LIMIT: '120' }).loginRateLimit).toBe(120);
    expect(loadConfig({ HRSP_SESSION_RATE_LIMIT: '900', HRSP_ADDRESS_RATE_LIMIT: '5000', HRSP_RATE_LIMIT_SYNC_MS: '250' }))
      .toMatchObject({ sessionRateLimit: 900, addressRateLimit: 5000, rateLimitSyncMs: 250 });
  });

  it('refuses a limit that is not a whole number in range, in Chinese, naming the variable', () => {
    for (const [name, value] of [['HRSP_LOGIN_RATE_LIMIT', '0'], ['HRSP_LOGIN_RATE_LIMIT', '1.5'], ['HRSP_SESSION_RATE_LIMIT', 'abc'],
      ['HRSP_ADDRESS_RATE_LIMIT', '-5'], ['HRSP_RATE_LIMIT_SYNC_MS', '600000'], ['PORT', '70000']] as const) {
      expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^配置项 ${name} 应为 1 到 [0-9]+ 之间的整数，当前为"${value.replace('.', '\\.')}"$`));
    }
  });
});
