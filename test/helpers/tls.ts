// A self-signed certificate for TLS tests, made with the system's openssl (Debian's openssl 3):
// valid for localhost, 127.0.0.1 and ::1, written into `dir` as cert.pem / key.pem.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TestCertificate {
  readonly certFile: string;
  readonly keyFile: string;
  /** The certificate itself, to trust it in a client (`ca`). */
  readonly cert: string;
}

export function makeCertificate(dir: string): TestCertificate {
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '2',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1',
        '-keyout',
        keyFile,
        '-out',
        certFile,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
  } catch (err) {
    const stderr = (err as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(
      `openssl could not make a test certificate (apt-get install openssl): ${stderr || String(err)}`,
    );
  }
  return { certFile, keyFile, cert: readFileSync(certFile, 'utf8') };
}
