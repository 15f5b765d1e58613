// The memory session store, recording every session the app writes (to see which fields land in
// it), with an optional change to what is read back (to make a session say what a test needs).
import { MemoryStore } from '../../src/session/memory-store.js';
import type { SessionData, SessionStore } from '../../src/session/store.js';

export function recordingStore(
  written: SessionData[],
  readBack: (data: SessionData) => SessionData = (data) => data,
): SessionStore {
  const store = new MemoryStore();
  return {
    get: async (id) => {
      const data = await store.get(id);
      return data === null ? null : readBack(data);
    },
    set: (id, data, ttl) => {
      written.push(data);
      return store.set(id, data, ttl);
    },
    destroy: (id) => store.destroy(id),
    health: () => store.health(),
    close: () => store.close(),
  };
}
