// GET /ovmf_uefis (reference sunstone-server.md §3.3): the UEFI firmware files the KVM driver offers,
// from the OVMF_UEFIS="..." line of the front-end's ETC/vmm_exec/vmm_exec_kvm.conf, split on spaces.
// The file is read on each request (administrators edit it; it is small). No file, an unreadable
// one (this server is not on the front-end) or no such line: an empty list, as Sunstone answers.
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { JSON_TYPE } from './json-reply.js';

export interface OvmfUefisOptions {
  /** ETC_LOCATION (/etc/one or $ONE_LOCATION/etc). */
  readonly etc: string;
}

/** vmm_exec_kvm.conf is a few KB; more than this is not that file, and is not read further. */
const MAX_BYTES = 1024 * 1024;

/** The paths listed by OVMF_UEFIS in the text of vmm_exec_kvm.conf (first such line wins). */
export function parseOvmfUefis(text: string): string[] {
  for (const line of text.split('\n')) {
    const m = /^\s*OVMF_UEFIS\s*=\s*"([^"]*)"/.exec(line);
    if (m) return (m[1] ?? '').split(/\s+/).filter((s) => s !== '');
  }
  return [];
}

async function readBounded(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(MAX_BYTES);
    const { bytesRead } = await handle.read(buf, 0, MAX_BYTES, 0);
    return buf.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

export async function ovmfUefisRoutes(app: FastifyInstance, opts: OvmfUefisOptions): Promise<void> {
  const file = join(opts.etc, 'vmm_exec', 'vmm_exec_kvm.conf');
  app.get('/ovmf_uefis', async (request, reply) => {
    let uefis: string[] = [];
    try {
      uefis = parseOvmfUefis(await readBounded(file));
    } catch (err) {
      request.log.debug({ err }, `${file} not readable: no OVMF UEFI firmware listed`);
    }
    return reply.type(JSON_TYPE).send(JSON.stringify({ ovmf_uefis: uefis }));
  });
}
