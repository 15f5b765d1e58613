// `:auth: sunstone` (reference §6.1): the server checks the password itself, against the PASSWORD
// oned stores for core users (lowercase hex SHA-256 of the clear password), in the user pool read as
// serveradmin and cached 60 s. Only `core` users can log in this way; other drivers' PASSWORD is
// not a SHA-256 of anything the user types. The comparison takes the same time wherever the hashes
// differ. Unlike Ruby, a disabled user (ENABLED=0) is refused here rather than let in.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { LoginStrategy } from './login-strategy.js';
import type { UserPoolCache } from './user-pool-cache.js';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Constant-time equality of two hex digests (false when the lengths differ). */
export function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

export function sunstoneStrategy(pool: UserPoolCache): LoginStrategy {
  return {
    mode: 'sunstone',
    attempt(request) {
      const creds = request.basic;
      if (creds === null) return null;
      return {
        claimed: creds.user,
        async verify() {
          const user = (await pool.users()).byName(creds.user);
          // Hash even when the user is unknown, so the answer takes as long either way.
          const digest = sha256Hex(creds.password);
          if (user === undefined || user.driver !== 'core' || !user.enabled) return null;
          return sameDigest(digest, user.password.toLowerCase()) ? { user: user.name } : null;
        },
      };
    },
  };
}
