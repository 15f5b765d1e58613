// Test double for the pool fetchers: oned answers scripted in order, every call recorded.
import assert from 'node:assert/strict';
import type { XmlRpcValue } from '../../../src/one/codec.js';
import { fetchedDocument, type FetchedDocument } from '../../../src/one/fetched-document.js';
import type { PoolFetchDeps } from '../../../src/one/pool-fetch.js';

interface Recorded {
  method: string;
  params: XmlRpcValue[];
}

/** A fetched document as the client makes it from an answer holding `xml`. */
export function fetched(xml: string): FetchedDocument {
  return fetchedDocument({ xml }, { origin: 'the scripted answer' });
}

/**
 * Deps whose call answers from a list of documents in order and records what was asked, and the
 * signal of each call (to see calls ahead being cancelled).
 */
export function scripted(answers: string[], pageSize: number, maxElements = 1_000_000) {
  const calls: Recorded[] = [];
  const signals: (AbortSignal | undefined)[] = [];
  const deps: PoolFetchDeps = {
    fetch: async (method, params, signal) => {
      calls.push({ method, params });
      signals.push(signal);
      const next = answers.shift();
      assert.ok(next !== undefined, `unexpected call ${method}(${params.join(',')})`);
      return fetched(next);
    },
    pageSize,
    maxElements,
  };
  return { deps, calls, signals };
}
