// Pieces every object document shares: the PERMISSIONS block and the LOCK block.
import type { Lock } from '../records.js';

const PERM_TAGS = [
  'OWNER_U',
  'OWNER_M',
  'OWNER_A',
  'GROUP_U',
  'GROUP_M',
  'GROUP_A',
  'OTHER_U',
  'OTHER_M',
  'OTHER_A',
];

export function permissionsXml(perms: number): string {
  let s = '<PERMISSIONS>';
  for (let i = 0; i < 9; i++) {
    const tag = PERM_TAGS[i] as string;
    s += `<${tag}>${(perms >> (8 - i)) & 1}</${tag}>`;
  }
  return `${s}</PERMISSIONS>`;
}

export function lockXml(lock: Lock | null): string {
  if (!lock) return '';
  return `<LOCK><LOCKED>${lock.locked}</LOCKED><OWNER>${lock.owner}</OWNER><TIME>${lock.time}</TIME><REQ_ID>${lock.reqId}</REQ_ID></LOCK>`;
}

/** How oned prints a float quota or usage figure: integers bare, others with up to 2 decimals. */
export function num(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
}
