// The session record the store tests write and read back: demo's, with a fixed CSRF token, ending
// at `expires` (ms since the epoch; the store tests choose real or fixed clocks).
import type { SessionData } from '../../src/session/store.js';

export function demoSession(expires: number): SessionData {
  return {
    user: 'demo',
    user_id: '5',
    user_gid: '1',
    user_gname: 'users',
    display_name: 'Demo',
    lang: 'en_US',
    csrftoken: 'c'.repeat(64),
    remember: 'false',
    expires,
  };
}
