import { randomBytes, randomInt } from 'node:crypto';
import type { SecretGenerator } from '../../application/ports/secret-generator.js';

const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const DIGIT = '23456789';
const SYMBOL = '!$%*+-=?@#';
const pick = (alphabet: string) => alphabet[randomInt(alphabet.length)] as string;

/** node:crypto randomness; look-alike characters are left out of temporary passwords. */
export const cryptoSecrets: SecretGenerator = {
  token: (bytes = 32) => randomBytes(bytes).toString('base64url'),
  digits: (length) => Array.from({ length }, () => String(randomInt(10))).join(''),
  temporaryPassword: (length = 12) => {
    const chars = [pick(UPPER), pick(DIGIT), pick(SYMBOL)];
    const all = UPPER + LOWER + DIGIT + SYMBOL;
    while (chars.length < length) chars.push(pick(all));
    for (let i = chars.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
    }
    return chars.join('');
  },
};
