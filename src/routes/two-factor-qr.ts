// GET /two_factor_auth_hotp_qr_code?secret=S (reference §3.3): the QR code, as SVG, of the otpauth://
// URI an authenticator app scans while the user enrols in 2FA. The issuer is :two_factor_auth_issuer
// and the account the session's user. Needs a session and the CSRF token (the UI puts it in the
// <img> URL); the secret never leaves the server in any other form, and the answer is not cached.
import type { FastifyInstance } from 'fastify';
import QRCode from 'qrcode';
import { TwoFactorSecretError } from '../auth/errors.js';
import { isTotpSecret, totpUri } from '../auth/totp.js';
import type { SunstoneConfig } from '../config/types.js';

export interface TwoFactorQrOptions {
  readonly config: Pick<SunstoneConfig, 'two_factor_auth_issuer'>;
}

export async function twoFactorQrRoutes(app: FastifyInstance, opts: TwoFactorQrOptions): Promise<void> {
  const issuer = opts.config.two_factor_auth_issuer;
  app.get<{ Querystring: { secret?: unknown } }>('/two_factor_auth_hotp_qr_code', async (request, reply) => {
    const secret = request.query.secret;
    if (typeof secret !== 'string' || !isTotpSecret(secret)) throw new TwoFactorSecretError();
    const account = request.user?.name ?? '';
    const svg = await QRCode.toString(totpUri(secret, issuer, account), {
      type: 'svg',
      errorCorrectionLevel: 'M',
      margin: 2,
    });
    return reply.header('Cache-Control', 'no-store').type('image/svg+xml').send(svg);
  });
}
