// oidc-provider (Koa and its own dependency tree under it) is loaded when the first OAuth2 request needs a provider,
// not at start-up, where it cost about a fifth of a warm start; the rest of the module only needs its types.
type OidcProviderModule = typeof import('oidc-provider');

let loading: Promise<OidcProviderModule> | undefined;
let loaded: OidcProviderModule | undefined;

export function loadOidcProvider(): Promise<OidcProviderModule> {
  loading ??= import('oidc-provider').then((m) => (loaded = m));
  return loading;
}

/** The loaded library: only called where a provider exists (so loadOidcProvider has resolved). */
export function oidcProvider(): OidcProviderModule {
  if (!loaded) throw new Error('oidc-provider is used before it was loaded');
  return loaded;
}
