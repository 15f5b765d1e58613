// Reads the serveradmin credentials (VAR/.one/sunstone_auth, reference sunstone-server.md §6.3):
// one line `serveradmin:<plain password>`, trailing whitespace stripped, split at the first colon.
// Each way the file can be unusable is its own start-up error that says how to fix it; a file
// that every local user can read is a warning. The password never appears in any message.
import { readFileSync, statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname } from 'node:path';
import { AUTH_ERROR_CODES, CredentialsError } from './errors.js';

export interface ServerCredentials {
  readonly user: string;
  readonly password: string;
}

/** Who the process runs as, for messages (tests pass their own). */
export interface ProcessIdentity {
  readonly uid: number;
  readonly username: string;
  /** Name of the primary group, used in the chgrp advice; looked up when absent. */
  readonly group?: string;
}

/** Real files are one short line; anything bigger is the wrong file. */
const MAX_BYTES = 64 * 1024;
const FRONT_END_FILE = '/var/lib/one/.one/sunstone_auth';

function currentIdentity(): ProcessIdentity {
  try {
    const u = userInfo();
    return { uid: u.uid, username: u.username, group: nameFromDb('/etc/group', u.gid) };
  } catch {
    // A uid without a passwd entry (some containers): still say which uid it is.
    const uid = process.getuid?.() ?? -1;
    return { uid, username: `uid ${uid}` };
  }
}

/** Name of a uid/gid from /etc/passwd or /etc/group, if there is one. */
function nameFromDb(db: string, id: number): string | undefined {
  try {
    for (const line of readFileSync(db, 'utf8').split('\n')) {
      const f = line.split(':');
      if (f[2] === String(id) && f[0]) return f[0];
    }
  } catch {
    // Unreadable database: fall back to numbers.
  }
  return undefined;
}

function describeOwner(st: Stats): string {
  const owner = nameFromDb('/etc/passwd', st.uid) ?? String(st.uid);
  const group = nameFromDb('/etc/group', st.gid) ?? String(st.gid);
  return `it belongs to ${owner}:${group} with mode ${(st.mode & 0o777).toString(8).padStart(4, '0')}`;
}

function ownerName(st: Stats): string {
  return nameFromDb('/etc/passwd', st.uid) ?? `uid ${st.uid}`;
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** The outermost directory on the way to `file` that this process cannot search (why stat failed). */
function blockingDirectory(file: string): { dir: string; st: Stats | undefined } {
  const chain: string[] = [file];
  for (let d = dirname(file); d !== chain[0]; d = dirname(d)) chain.unshift(d);
  // chain = ['/', '/var', ..., file]: stat each entry; the first EACCES names its parent.
  for (let i = 1; i < chain.length; i++) {
    try {
      statSync(chain[i] as string);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EACCES') {
        const dir = chain[i - 1] as string;
        return { dir, st: statOrUndefined(dir) };
      }
    }
  }
  return { dir: dirname(file), st: statOrUndefined(dirname(file)) };
}

function unreadable(
  file: string,
  who: ProcessIdentity,
  st: Stats | undefined,
  cause: unknown,
): CredentialsError {
  const user = `${who.username}${who.username.startsWith('uid ') ? '' : ` (uid ${who.uid})`}`;
  const group = who.group ?? 'oneadmin';
  if (st === undefined) {
    const { dir, st: dirSt } = blockingDirectory(file);
    return new CredentialsError(
      AUTH_ERROR_CODES.credentialsUnreadable,
      file,
      `cannot reach the serveradmin credentials file ${file} as user ${user}: the directory ${dir} ` +
        `is closed to that user${dirSt ? ` (${describeOwner(dirSt)})` : ''}. Run sunstone-server as ` +
        `${dirSt ? ownerName(dirSt) : 'oneadmin'}, or open the directory to its group: ` +
        `chgrp ${group} ${dir} && chmod 750 ${dir}`,
      cause,
    );
  }
  return new CredentialsError(
    AUTH_ERROR_CODES.credentialsUnreadable,
    file,
    `cannot read the serveradmin credentials file ${file} as user ${user}: ${describeOwner(st)}. ` +
      `Run sunstone-server as ${ownerName(st)}, or let its group read the file: ` +
      `chgrp ${group} ${file} && chmod 640 ${file}`,
    cause,
  );
}

export function readServerCredentials(
  file: string,
  proc?: ProcessIdentity,
): ServerCredentials & { readonly warnings: readonly string[] } {
  const who = (): ProcessIdentity => proc ?? currentIdentity();
  let st: Stats;
  try {
    st = statSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') throw unreadable(file, who(), undefined, err);
    throw new CredentialsError(
      AUTH_ERROR_CODES.credentialsMissing,
      file,
      `the serveradmin credentials file ${file} does not exist. oned writes it the first time it ` +
        `starts; on a machine other than the OpenNebula front-end, copy ${FRONT_END_FILE} from the ` +
        `front-end to ${file}, readable by the user sunstone-server runs as (e.g. owner oneadmin, mode 0640)`,
      err,
    );
  }
  if (!st.isFile()) {
    throw new CredentialsError(
      AUTH_ERROR_CODES.credentialsUnreadable,
      file,
      `the serveradmin credentials file ${file} is ${st.isDirectory() ? 'a directory' : 'not a regular file'}; ` +
        `it must be the file copied from ${FRONT_END_FILE} on the front-end`,
    );
  }
  if (st.size > MAX_BYTES) {
    throw new CredentialsError(
      AUTH_ERROR_CODES.credentialsFormat,
      file,
      `the serveradmin credentials file ${file} is ${st.size} bytes, far more than one user:password line; ` +
        `check that it is the sunstone_auth file from the front-end`,
    );
  }

  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw unreadable(file, who(), st, err);
  }

  const content = text.trimEnd();
  if (content === '') {
    throw new CredentialsError(
      AUTH_ERROR_CODES.credentialsEmpty,
      file,
      `the serveradmin credentials file ${file} is empty; it must hold one line serveradmin:PASSWORD ` +
        `(copy ${FRONT_END_FILE} from the OpenNebula front-end)`,
    );
  }
  const colon = content.indexOf(':');
  const user = colon < 0 ? '' : content.slice(0, colon);
  const password = colon < 0 ? '' : content.slice(colon + 1);
  const why =
    colon < 0
      ? 'there is no colon'
      : user === ''
        ? 'the user name before the colon is empty'
        : password === ''
          ? 'the password after the colon is empty'
          : /[\r\n]/.test(content)
            ? 'it has more than one line'
            : undefined;
  if (why !== undefined) {
    throw new CredentialsError(
      AUTH_ERROR_CODES.credentialsFormat,
      file,
      `the serveradmin credentials file ${file} is not in the form user:password (${why}); it must hold ` +
        `one line serveradmin:PASSWORD, as oned writes it in ${FRONT_END_FILE}`,
    );
  }

  const warnings: string[] = [];
  if ((st.mode & 0o004) !== 0) {
    warnings.push(
      `the serveradmin credentials file ${file} can be read by every local user (${describeOwner(st)}); ` +
        `restrict it: chmod 640 ${file} (or 600)`,
    );
  }
  return { user, password, warnings };
}
