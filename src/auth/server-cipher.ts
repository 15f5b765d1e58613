// The server_cipher login token, as OpenNebula 6.2 and later make it (reference
// sunstone-server.md §6.4, vectors in server-cipher-vectors.md): the server calls oned as
// serveradmin on behalf of a user with "<srv>:<target>:<token>", where the token is
// base64(AES-256-CBC("<srv>:<target>:<expiry epoch s>")) with
//   key = the first 32 characters of the SHA-256 hex of the serveradmin password (as ASCII bytes),
//   iv  = the first 16 characters of that key.
// oned decrypts with its stored password, which is that same SHA-256 hex, so both sides agree.
import { createCipheriv, createHash } from 'node:crypto';

export interface CipherKey {
  readonly key: Buffer;
  readonly iv: Buffer;
}

/** Key and IV for a serveradmin password; worth computing once per process. */
export function serverCipherKey(serverPassword: string): CipherKey {
  const hex = createHash('sha256').update(serverPassword, 'utf8').digest('hex');
  const key = Buffer.from(hex.slice(0, 32), 'ascii');
  return { key, iv: key.subarray(0, 16) };
}

/** The base64 token for `plaintext` under an already derived key. */
export function encryptToken(k: CipherKey, plaintext: string): string {
  // PKCS#7 padding is node's (and OpenSSL's) default for CBC.
  const cipher = createCipheriv('aes-256-cbc', k.key, k.iv);
  return Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}

export function serverCipherToken(
  serverUser: string,
  serverPassword: string,
  targetUser: string,
  expiresEpochSeconds: number,
): string {
  return encryptToken(
    serverCipherKey(serverPassword),
    `${serverUser}:${targetUser}:${Math.floor(expiresEpochSeconds)}`,
  );
}

/** The session string oned expects as the first parameter of every call: "<srv>:<target>:<token>". */
export function sessionString(
  serverUser: string,
  serverPassword: string,
  targetUser: string,
  expiresEpochSeconds: number,
): string {
  return `${serverUser}:${targetUser}:${serverCipherToken(serverUser, serverPassword, targetUser, expiresEpochSeconds)}`;
}
