// The social providers GoTrue knows (signInWithOAuth's `provider`), and the identity a provider would return,
// shaped as GoTrue stores it in auth.identities.identity_data (provider.Claims: iss, sub, name, email, avatar…).
import crypto from 'node:crypto';

export const EXTERNAL_PROVIDERS = [
  'apple', 'azure', 'bitbucket', 'discord', 'facebook', 'figma', 'fly', 'github', 'gitlab', 'google', 'kakao', 'keycloak',
  'linkedin', 'linkedin_oidc', 'notion', 'slack', 'slack_oidc', 'spotify', 'twitch', 'twitter', 'workos', 'zoom',
] as const;

export type ExternalProvider = (typeof EXTERNAL_PROVIDERS)[number];

export const isExternalProvider = (p: string): p is ExternalProvider => (EXTERNAL_PROVIDERS as readonly string[]).includes(p);

/** The `iss` GoTrue records for each provider's identities (its API or OpenID issuer). */
const ISSUERS: Partial<Record<ExternalProvider, string>> = {
  apple: 'https://appleid.apple.com', azure: 'https://login.microsoftonline.com/common/v2.0', bitbucket: 'https://api.bitbucket.org/2.0',
  discord: 'https://discord.com/api', facebook: 'https://graph.facebook.com', figma: 'https://api.figma.com', fly: 'https://api.fly.io',
  github: 'https://api.github.com', gitlab: 'https://gitlab.com', google: 'https://accounts.google.com', kakao: 'https://kauth.kakao.com',
  linkedin_oidc: 'https://www.linkedin.com/oauth', notion: 'https://api.notion.com/v1', slack_oidc: 'https://slack.com',
  spotify: 'https://api.spotify.com/v1', twitch: 'https://api.twitch.tv/helix', twitter: 'https://api.twitter.com/1.1',
  zoom: 'https://api.zoom.us/v2',
};

const LABELS: Partial<Record<ExternalProvider, string>> = {
  github: 'GitHub', gitlab: 'GitLab', linkedin: 'LinkedIn', linkedin_oidc: 'LinkedIn', slack_oidc: 'Slack', workos: 'WorkOS',
};

export function providerLabel(p: ExternalProvider): string {
  return LABELS[p] ?? p.charAt(0).toUpperCase() + p.slice(1);
}

/** What the developer picks on the stand-in page: who the provider says signed in. */
export interface StandInIdentity {
  providerId: string;
  email: string;
  name: string;
  userName?: string;
  avatarUrl?: string;
}

/** A stable provider user id for an email, so picking the same address again returns the same identity. */
export function providerIdFor(provider: ExternalProvider, email: string): string {
  const digest = crypto.createHash('sha256').update(`${provider}:${email.toLowerCase()}`).digest();
  return String(digest.readUIntBE(0, 6));
}

/** identity_data as GoTrue writes it; the provider vouches for the email (email_verified), as real providers do. */
export function identityData(provider: ExternalProvider, id: StandInIdentity): Record<string, unknown> {
  const data: Record<string, unknown> = {
    iss: ISSUERS[provider] ?? `https://${provider}.local-stand-in`,
    sub: id.providerId,
    provider_id: id.providerId,
    email: id.email,
    email_verified: true,
    phone_verified: false,
    name: id.name,
    full_name: id.name,
  };
  if (id.userName) Object.assign(data, { user_name: id.userName, preferred_username: id.userName });
  if (id.avatarUrl) Object.assign(data, { avatar_url: id.avatarUrl, picture: id.avatarUrl });
  return data;
}
