// oned's side of the server_cipher token (reference oned-xmlrpc.md §5.4): the driver decrypts the
// token with the serveradmin's *stored* password (already the SHA-256 hex of the plain one):
// key = its first 32 characters, IV = its first 16, both used as ASCII bytes; AES-256-CBC with
// PKCS#7 padding over strict Base64. Written independently of src/auth (the client side).
import { createDecipheriv, createHash } from 'node:crypto';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The plaintext `"<server user>:<target>:<expiry>"`, or null for bad Base64, key or padding. */
export function decryptServerToken(storedPassword: string, token: string): string | null {
  if (token === '' || !BASE64.test(token) || storedPassword.length < 32) return null;
  try {
    const key = Buffer.from(storedPassword.slice(0, 32), 'ascii');
    const iv = Buffer.from(storedPassword.slice(0, 16), 'ascii');
    const d = createDecipheriv('aes-256-cbc', key, iv);
    return Buffer.concat([d.update(Buffer.from(token, 'base64')), d.final()]).toString('utf8');
  } catch {
    return null; // "bad decrypt"
  }
}

export function sha256Hex(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('hex');
}

export function sha1Hex(s: string): string {
  return createHash('sha1').update(s, 'utf8').digest('hex');
}
