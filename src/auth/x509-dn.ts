// Client certificates and their DNs as Ruby Sunstone's x509 mode sees them (reference §6.1):
// the certificate from a proxy header, the subject in OpenSSL's one-line form
// ("/C=ES/O=OpenNebula/CN=Dave Smith", what Ruby's OpenSSL::X509::Name#to_s prints), and the DN
// escaped as oned's x509 driver stores it in PASSWORD: every whitespace character becomes a
// backslash and its code in lowercase hex ("Dave Smith" -> "Dave\20Smith").
import { X509Certificate } from 'node:crypto';

/** Longest header value taken as a certificate (a 4096-bit RSA certificate is about 2 KiB of PEM). */
const MAX_CERT_CHARS = 16 * 1024;

/**
 * The certificate in a proxy header, or null. Accepts the forms web servers send: PEM with its line
 * breaks turned into spaces (Apache `%{SSL_CLIENT_CERT}s`, which Sunstone expects), nginx's
 * `$ssl_client_escaped_cert` (URL-encoded PEM) and `$ssl_client_cert` (continuation lines indented
 * with tabs). Apache's "(null)" and an empty value mean no certificate.
 */
export function certificateFromHeader(value: string | undefined): X509Certificate | null {
  if (value === undefined || value.length > MAX_CERT_CHARS) return null;
  let text = value.trim();
  if (text === '' || text === '(null)') return null;
  if (/%[0-9A-Fa-f]{2}/.test(text)) {
    try {
      text = decodeURIComponent(text);
    } catch {
      return null;
    }
  }
  const m = /-+BEGIN CERTIFICATE-+([\s\S]*?)-+END CERTIFICATE-+/.exec(text);
  const body = m?.[1]?.replace(/\s+/g, '');
  if (body === undefined || body === '' || !/^[A-Za-z0-9+/]+=*$/.test(body)) return null;
  const lines = body.match(/.{1,64}/g) ?? [];
  try {
    return new X509Certificate(
      `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`,
    );
  } catch {
    return null;
  }
}

/** Splits `s` at `sep` where it is not escaped by a backslash. */
function splitUnescaped(s: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && i + 1 < s.length) {
      cur += s.slice(i, i + 2);
      i++;
    } else if (s.startsWith(sep, i)) {
      out.push(cur);
      cur = '';
      i += sep.length - 1;
    } else {
      cur += s[i];
    }
  }
  out.push(cur);
  return out;
}

/** Undo RFC 2253 escapes (`\,` and `\2C` alike), giving the raw bytes of the value. */
function unescape2253(value: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] ?? '';
    if (ch === '\\' && /^[0-9A-Fa-f]{2}$/.test(value.slice(i + 1, i + 3))) {
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (ch === '\\' && i + 1 < value.length) {
      bytes.push(...Buffer.from(value[i + 1] ?? '', 'utf8'));
      i++;
    } else {
      bytes.push(...Buffer.from(ch, 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

/**
 * OpenSSL 3's X509_NAME_oneline escaping of a value: bytes outside ' '..'~' as \xHH, and the two
 * separators it uses, '/' and '+', behind a backslash.
 */
function onelineValue(raw: Buffer): string {
  let out = '';
  for (const b of raw) {
    const c = String.fromCharCode(b);
    if (b < 0x20 || b > 0x7e) out += `\\x${b.toString(16).toUpperCase().padStart(2, '0')}`;
    else out += c === '/' || c === '+' ? `\\${c}` : c;
  }
  return out;
}

/**
 * Node's name text (`X509Certificate.subject`: one RDN per line, RFC 2253 escapes, " + " between
 * the parts of a multi-valued RDN) in OpenSSL's one-line form, as Ruby prints it: "/" before each
 * RDN, "+" between the parts of a multi-valued one.
 */
export function onelineDn(nodeName: string): string {
  let out = '';
  for (const line of nodeName.split('\n')) {
    if (line === '') continue;
    const avas = splitUnescaped(line, ' + ').flatMap((ava) => {
      const eq = ava.indexOf('=');
      return eq < 0 ? [] : [`${ava.slice(0, eq)}=${onelineValue(unescape2253(ava.slice(eq + 1)))}`];
    });
    if (avas.length > 0) out += `/${avas.join('+')}`;
  }
  return out;
}

/** oned's x509 escaping (X509Auth.escape_dn): each whitespace character as "\" + its code in hex. */
export function escapeDn(dn: string): string {
  return dn.replace(/\s/g, (c) => `\\${(c.codePointAt(0) ?? 0).toString(16)}`);
}

/**
 * An RFC 3820 proxy certificate: issued by the certificate it extends, with one more CN. Its user
 * is its issuer's subject (Globus-style grid proxies).
 */
export function isProxyCertificate(cert: X509Certificate): boolean {
  const subject = onelineDn(cert.subject);
  const issuer = onelineDn(cert.issuer);
  return subject.startsWith(`${issuer}/CN=`) && !subject.slice(issuer.length + 4).includes('/');
}

/**
 * The escaped DNs to look up, in order (Sunstone: the subject first, then, for proxy certificates,
 * the issuer and the subjects up the presented chain).
 */
export function candidateDns(leaf: X509Certificate, chain: readonly X509Certificate[]): string[] {
  const dns = [escapeDn(onelineDn(leaf.subject))];
  if (isProxyCertificate(leaf)) {
    dns.push(escapeDn(onelineDn(leaf.issuer)));
    for (const c of chain) dns.push(escapeDn(onelineDn(c.subject)));
  }
  return [...new Set(dns)];
}
