import { parseFieldKeys } from '../src/server/crypto/field-keys.js';

/** The tests' key ring (personal data at rest, results code): fixed, so a failure can be reproduced. */
export const testKeyFileText = `v1:${'11'.repeat(32)}\n`;
export const testFieldKeys = parseFieldKeys(testKeyFileText, 'test key');
