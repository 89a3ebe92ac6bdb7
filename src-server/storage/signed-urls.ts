// Signed-URL tokens: HS256 JWTs as Supabase Storage issues them ({url, scope, iat, exp}; uploads add owner and
// upsert). They are signed with a key derived from the project secret, never the secret itself, so a leaked URL
// token cannot be replayed as an API bearer token.
import crypto from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { StorageErrors } from './errors.js';

export type SignedScope = 'download' | 'upload';

export interface DownloadToken {
  url: string;
  scope: 'download';
  exp: number;
}

export interface UploadToken {
  url: string;
  scope: 'upload';
  owner: string;
  upsert: boolean;
  exp: number;
}

/** Supabase's CLI lets signed upload URLs live two hours. */
export const UPLOAD_URL_TTL_S = 7200;

export class UrlSigner {
  private readonly key: Uint8Array;

  constructor(projectSecret: string) {
    this.key = crypto.createHmac('sha256', projectSecret).update('trestle storage url signing').digest();
  }

  async signDownload(url: string, expiresIn: number): Promise<string> {
    return this.sign({ url, scope: 'download' }, expiresIn);
  }

  async signUpload(url: string, owner: string, upsert: boolean, expiresIn = UPLOAD_URL_TTL_S): Promise<string> {
    return this.sign({ url, scope: 'upload', owner, upsert }, expiresIn);
  }

  private async sign(claims: Record<string, unknown>, expiresIn: number): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuedAt(now).setExpirationTime(now + expiresIn).sign(this.key);
  }

  async verifyDownload(token: string, url: string): Promise<DownloadToken> {
    return (await this.verify(token, url, 'download')) as unknown as DownloadToken;
  }

  async verifyUpload(token: string, url: string): Promise<UploadToken> {
    const payload = await this.verify(token, url, 'upload');
    return { url, scope: 'upload', owner: String(payload.owner ?? ''), upsert: payload.upsert === true, exp: Number(payload.exp) };
  }

  /** Signature, expiry, scope and the exact bucket/path the token was made for. */
  private async verify(token: string, url: string, scope: SignedScope): Promise<Record<string, unknown>> {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'] }));
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired) throw StorageErrors.expiredSignature();
      throw StorageErrors.invalidSignature('The signature of the URL is not valid');
    }
    if (payload.scope !== scope || payload.url !== url) throw StorageErrors.invalidSignature('The token was not made for this URL');
    return payload;
  }
}
