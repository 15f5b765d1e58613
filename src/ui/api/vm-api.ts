// VM calls (reference §3.5): the pool, one VM, and actions with {"action":{"perform","params"}} (§4.6).
import { isObject, objectList, type OneJsonObject } from '../model/one-json.js';
import type { ApiClient } from './client.js';
import { BadResponseError } from './errors.js';

export interface ReadOptions {
  /** An automatic refresh: sends timeout=true so polling does not extend the session (design.md). */
  readonly background?: boolean;
  readonly signal?: AbortSignal;
}

/** All VMs the user may see (pool_filter -2). Accepts every pool shape of §4.2. */
export async function listVms(client: ApiClient, opts: ReadOptions = {}): Promise<OneJsonObject[]> {
  const body = await client.callJson({
    method: 'GET',
    path: '/vm',
    query: { pool_filter: '-2', ...(opts.background ? { timeout: 'true' } : {}) },
    signal: opts.signal,
  });
  if (!isObject(body) || !('VM_POOL' in body)) {
    throw new BadResponseError('GET /vm did not answer a VM_POOL document.', 200);
  }
  const pool = body.VM_POOL;
  return isObject(pool) ? objectList(pool.VM) : [];
}

export async function getVm(client: ApiClient, id: string, opts: ReadOptions = {}): Promise<OneJsonObject> {
  const body = await client.callJson({
    method: 'GET',
    path: `/vm/${encodeURIComponent(id)}`,
    query: opts.background ? { timeout: 'true' } : undefined,
    signal: opts.signal,
  });
  if (!isObject(body) || !isObject(body.VM)) {
    throw new BadResponseError(`GET /vm/${id} did not answer a VM document.`, 200);
  }
  return body.VM;
}

/** Resolves when oned accepted the action; rejects with oned's message (RequestRefusedError) if not. */
export async function performVmAction(
  client: ApiClient,
  id: string,
  perform: string,
  params: Readonly<Record<string, string | number | boolean>>,
): Promise<void> {
  await client.call({
    method: 'POST',
    path: `/vm/${encodeURIComponent(id)}/action`,
    json: { action: { perform, params } },
  });
}
