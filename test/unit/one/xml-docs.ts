// Documents for the XML conversion tests: the reference samples (when ../shared is there), what the
// simulator writes, and random mutations of a document.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED } from '../../shared.js';
import { fixture } from '../oned-sim/fixture.js';

export function referenceDocs(): [string, string][] {
  if (!SHARED) return [];
  const docs: [string, string][] = [];
  for (const dir of ['golden/xml2json', 'golden/pool', 'oned-samples']) {
    const full = join(SHARED, 'reference', dir);
    for (const f of readdirSync(full).filter((n) => n.endsWith('.xml'))) {
      docs.push([`${dir}/${f}`, readFileSync(join(full, f), 'utf8')]);
    }
  }
  return docs;
}

export function simulatorDocs(): [string, string][] {
  const fx = fixture({ vms: 30 });
  const docs: [string, string][] = [];
  const take = (label: string, method: string, ...params: (number | boolean)[]) => {
    const r = fx.call(method, 'oneadmin:opennebula', ...params);
    assert.ok(
      Array.isArray(r) && r[0] === true && typeof r[1] === 'string',
      `${label}: ${JSON.stringify(r)}`,
    );
    docs.push([label, r[1]]);
  };
  take('vm 3', 'one.vm.info', 3);
  take('vm pool page', 'one.vmpool.info', -2, 0, -10, -1);
  take('vm pool extended', 'one.vmpool.infoextended', -2, -1, -1, -1);
  take('host pool', 'one.hostpool.info');
  take('user pool', 'one.userpool.info');
  take('image pool', 'one.imagepool.info', -2, -1, -1);
  take('template pool', 'one.templatepool.info', -2, -1, -1);
  return docs;
}

/** `count` variants of `base` with markup characters inserted or cut at random places (seeded). */
export function mutations(base: string, count: number): [string, string][] {
  const bits = ['<', '>', '&', ';', '&amp;', '&#', ']]>', '<!--', '-->', '--', '\r', '\u0000', '/', '"', ' '];
  let seed = 12345;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const out: [string, string][] = [];
  for (let i = 0; i < count; i++) {
    let xml = base;
    for (let k = 0; k <= rand(2); k++) {
      const at = rand(xml.length);
      const cut = rand(3) === 0 ? rand(4) : 0;
      xml = xml.slice(0, at) + (bits[rand(bits.length)] ?? '') + xml.slice(at + cut);
    }
    out.push([`mutation ${i}`, xml]);
  }
  return out;
}
