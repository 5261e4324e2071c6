import { parseFieldKeys } from '../src/server/crypto/field-keys.js';

/** The tests' key ring (personal data at rest, results code): fixed, so a failure can be reproduced. */
export const testFieldKeys = parseFieldKeys(`v1:${'11'.repeat(32)}`, 'test key');
