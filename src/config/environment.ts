// The settings Sunstone takes from the environment (reference sunstone-server.md §1.2, §7.2):
// - oned's endpoint: the :one_xmlrpc key wins; without it ONE_XMLRPC, then the one_endpoint files
//   the Ruby OCA client reads (~/.one/one_endpoint, /var/lib/one/.one/one_endpoint);
// - ONE_XMLRPC_TIMEOUT, which wins over :one_xmlrpc_timeout when set (Sunstone only exports the
//   key when the variable is unset, and the client reads the variable);
// - ONE_POOL_PAGE_SIZE: page size of the vm/image pool calls, 200 when unset, paging off when it
//   is not a number of at least 2.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { integer, url } from './checks.js';
import { showValue } from './validate.js';

export const DEFAULT_POOL_PAGE_SIZE = 200;

export interface EnvSettings {
  /** Set only when the file has no :one_xmlrpc and the environment or an endpoint file gives one. */
  readonly one_xmlrpc?: string;
  readonly one_xmlrpc_timeout?: number;
  readonly pool_page_size: number;
  readonly problems: readonly string[];
  readonly warnings: readonly string[];
}

/** The one_endpoint files the OCA client falls back to, in its order. */
export function defaultEndpointFiles(env: NodeJS.ProcessEnv): string[] {
  const files: string[] = [];
  if (env.HOME) files.push(join(env.HOME, '.one', 'one_endpoint'));
  files.push('/var/lib/one/.one/one_endpoint');
  return files;
}

const endpointCheck = url(['http', 'https'], 'http://HOST:2633/RPC2');
const timeoutCheck = integer(1, 2_147_483);

/** Bounded read of a small file; undefined when it is missing or unreadable (as File.exist? + read). */
function readSmall(file: string): string | undefined {
  try {
    const text = readFileSync(file, 'utf8');
    return text.length > 4096 ? undefined : text.trim();
  } catch {
    return undefined;
  }
}

export function settingsFromEnvironment(
  env: NodeJS.ProcessEnv,
  fileSetsEndpoint: boolean,
  endpointFiles: readonly string[],
): EnvSettings {
  const problems: string[] = [];
  const warnings: string[] = [];
  let one_xmlrpc: string | undefined;
  let one_xmlrpc_timeout: number | undefined;

  if (!fileSetsEndpoint) {
    const fromEnv = env.ONE_XMLRPC;
    const candidates: { value: string; where: string }[] =
      fromEnv !== undefined && fromEnv !== '' ? [{ value: fromEnv, where: 'ONE_XMLRPC (environment)' }] : [];
    for (const file of endpointFiles) {
      if (candidates.length > 0) break;
      const value = readSmall(file);
      if (value !== undefined && value !== '') candidates.push({ value, where: file });
    }
    const first = candidates[0];
    if (first !== undefined) {
      const r = endpointCheck(first.value);
      if (r.ok && r.value !== undefined) one_xmlrpc = r.value;
      else {
        problems.push(
          `${first.where} is ${showValue(first.value)}; expected an http:// or https:// URL such as ` +
            'http://HOST:2633/RPC2 (or set :one_xmlrpc in the configuration file)',
        );
      }
    }
  }

  const timeout = env.ONE_XMLRPC_TIMEOUT;
  if (timeout !== undefined && timeout !== '') {
    const r = timeoutCheck(timeout);
    if (r.ok && r.value !== undefined) one_xmlrpc_timeout = r.value;
    else {
      problems.push(
        `ONE_XMLRPC_TIMEOUT (environment) is ${showValue(timeout)}; expected a whole number of seconds ` +
          'from 1 to 2147483 (or unset it to use :one_xmlrpc_timeout)',
      );
    }
  }

  let pool_page_size = DEFAULT_POOL_PAGE_SIZE;
  const page = env.ONE_POOL_PAGE_SIZE;
  if (page !== undefined) {
    const n = /^\s*\d{1,9}\s*$/.test(page) ? Number(page) : NaN;
    if (n >= 2) pool_page_size = n;
    else {
      pool_page_size = 0;
      warnings.push(
        `ONE_POOL_PAGE_SIZE (environment) is ${showValue(page)}, not a number of at least 2: ` +
          'vm and image pools are fetched in one call, without paging (as Sunstone does)',
      );
    }
  }
  return { one_xmlrpc, one_xmlrpc_timeout, pool_page_size, problems, warnings };
}
