// The OIDC provider of a running Trestle. The issuer is the API's base URL exactly as the app sees it (the scheme and
// Host of the request: http://localhost:8787 and http://127.0.0.1:8787 are two issuers), because relying parties
// compare the discovery document's `issuer` with the URL they fetched it from, and the ID token's `iss` with that.
// One oidc-provider instance per issuer, all sharing the clients, artefacts, keys and users.
import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { default as Provider, Interaction } from 'oidc-provider';
import type { JSONWebKeySet } from 'jose';
import type pg from 'pg';
import type { TrestleContext } from '../context.js';
import { OidcAccounts } from './accounts.js';
import { artifactAdapters, sweepExpiredArtifacts } from './artifacts.js';
import { ClientStore, secretMatches } from './clients.js';
import { oauth2Error } from './errors.js';
import { API_AUDIENCE, providerConfiguration, SIGNED_TOKEN_LIFETIME_S } from './provider-config.js';
import { loadOidcProvider, oidcProvider } from './provider-module.js';
import { OidcSigningKeys } from './signing-keys.js';
import type { CreateOAuth2Client, CreatedOAuth2Client, OAuth2Overview } from './wire-types.js';

export type ProviderHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

const COOKIE_KEYS = 'oauth2.cookie_keys';
/** Distinct issuers kept (localhost, 127.0.0.1, [::1], a few *.localhost names); the least recently used goes first. */
const MAX_ISSUERS = 8;
const SWEEP_INTERVAL_MS = 10 * 60_000;

export class OidcService {
  readonly clients: ClientStore;
  readonly keys: OidcSigningKeys;
  readonly accounts: OidcAccounts;
  private readonly providers = new Map<string, { provider: Provider; handler: ProviderHandler }>();
  private cookieKeys: string[] = [];
  private sweeper?: NodeJS.Timeout;

  constructor(private readonly ctx: TrestleContext) {
    const control = ctx.databases.control;
    this.clients = new ClientStore(control);
    this.keys = new OidcSigningKeys(control, SIGNED_TOKEN_LIFETIME_S);
    this.accounts = new OidcAccounts(() => ctx.databases.active);
  }

  async start(): Promise<void> {
    await this.ctx.settings.insertIfAbsent(COOKIE_KEYS, [crypto.randomBytes(32).toString('base64url')]);
    this.cookieKeys = (await this.ctx.settings.get<string[]>(COOKIE_KEYS))!;
    await this.keys.load();
    this.publishKeys();
    this.sweeper = setInterval(() => {
      this.sweep().catch((err: Error) => this.ctx.log.warn({ err: err.message }, 'oauth2 sweep failed'));
    }, SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  /** Expired artefacts go; a retired key whose tokens have all expired stops being published. */
  private async sweep(): Promise<void> {
    await sweepExpiredArtifacts(this.ctx.databases.control);
    if (this.keys.hasExpiredKeys()) await this.keysChanged();
  }

  stop(): void {
    clearInterval(this.sweeper);
  }

  /** The provider answering for an issuer (made on first use; the library is loaded then too). */
  async providerFor(issuer: string): Promise<Provider> {
    return (await this.entry(issuer)).provider;
  }

  /** The provider's Node request handler for an issuer. */
  async handlerFor(issuer: string): Promise<ProviderHandler> {
    return (await this.entry(issuer)).handler;
  }

  private async entry(issuer: string) {
    const known = this.providers.get(issuer);
    if (known) {
      this.providers.delete(issuer);
      this.providers.set(issuer, known);
      return known;
    }
    const { default: Provider } = await loadOidcProvider();
    const cached = this.providers.get(issuer); // made by a request that loaded the library at the same time
    if (cached) return cached;
    const provider = new Provider(issuer, providerConfiguration({
      adapter: artifactAdapters(this.ctx.databases.control, this.clients),
      accounts: this.accounts,
      jwks: this.keys.providerJwks() as never,
      cookieKeys: this.cookieKeys,
    }));
    // Secrets are kept as digests: the Client prototype's comparison is oidc-provider's extension point for that.
    provider.Client.prototype.compareClientSecret = function compareClientSecret(this: { clientSecret?: string }, actual: string) {
      return Boolean(this.clientSecret) && secretMatches(actual, this.clientSecret!);
    };
    provider.on('server_error', (_ctx, err: Error) => this.ctx.log.error({ err }, 'oidc provider error'));
    const entry = { provider, handler: provider.callback() as ProviderHandler };
    this.providers.set(issuer, entry);
    if (this.providers.size > MAX_ISSUERS) this.providers.delete(this.providers.keys().next().value!);
    return entry;
  }

  /** Registers a client after oidc-provider's own metadata validation accepted it. */
  async createClient(input: CreateOAuth2Client, tx: pg.ClientBase, issuer: string): Promise<CreatedOAuth2Client> {
    const created = await this.clients.create(input, tx);
    const metadata = await this.clients.providerMetadata(created.client.client_id, tx);
    try {
      await (await this.providerFor(issuer)).Client.validate(metadata as never);
    } catch (err) {
      if (err instanceof oidcProvider().errors.OIDCProviderError) throw oauth2Error('INVALID_CLIENT', err.error_description ?? err.message);
      throw err;
    }
    return created;
  }

  /** Records what the user allowed (the scopes, claims and resources the pending request still missed). */
  async grantConsent(issuer: string, interaction: Interaction): Promise<string> {
    const { Grant } = await this.providerFor(issuer);
    const accountId = interaction.session!.accountId;
    const clientId = String(interaction.params.client_id);
    const grant = (interaction.grantId ? await Grant.find(interaction.grantId) : undefined) ?? new Grant({ accountId, clientId });
    const missing = interaction.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
    return grant.save();
  }

  /** After a rotation committed: the providers sign with the new key and publish both. */
  async keysChanged(): Promise<void> {
    await this.keys.load();
    this.providers.clear();
    this.publishKeys();
  }

  overview(issuer: string): OAuth2Overview {
    return { issuer, discovery_url: `${issuer}/.well-known/openid-configuration`, keys: this.keys.summary() };
  }

  /** Access tokens issued for Trestle's API (typ at+jwt, aud authenticated) are accepted by the data API. */
  private publishKeys(): void {
    const keys = this.keys.providerJwks().keys.map(({ kty, n, e, kid, alg, use }) => ({ kty, n, e, kid, alg, use }));
    this.ctx.jwt.setPublicKeys({ keys } as JSONWebKeySet, 'oidc', { typ: 'at+jwt', audience: API_AUDIENCE });
  }
}
