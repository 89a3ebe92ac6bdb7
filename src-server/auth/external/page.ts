// The stand-in page for a social provider: pick an identity this provider returned before, or describe a new one
// (name, email, username, avatar), or deny. Each choice is a form post carrying the identity and the signed state.
import { errorNotice, escapeHtml as e, renderPage } from '../../html/page.js';
import { providerLabel, type ExternalProvider } from './providers.js';

export interface KnownIdentity {
  provider_id: string;
  email: string | null;
  name: string | null;
  user_name: string | null;
  avatar_url: string | null;
}

export interface StandInView {
  action: string;
  state: string;
  provider: ExternalProvider;
  redirectTo: string;
  known: KnownIdentity[];
  error?: string;
  draft?: { email?: string; name?: string; user_name?: string; avatar_url?: string };
}

const hidden = (name: string, value: string | null | undefined) => (value ? `<input type="hidden" name="${e(name)}" value="${e(value)}">` : '');

function pick(v: StandInView, id: KnownIdentity): string {
  const avatar = id.avatar_url ? `<img class="avatar" src="${e(id.avatar_url)}" alt="">` : '<span class="avatar"></span>';
  return `<form method="post" action="${e(v.action)}">${hidden('state', v.state)}${hidden('provider_id', id.provider_id)}${hidden('email', id.email)}
    ${hidden('name', id.name)}${hidden('user_name', id.user_name)}${hidden('avatar_url', id.avatar_url)}
    <button class="btn choice" type="submit" data-testid="stand-in-pick">${avatar}<span class="who"><span>${e(id.name ?? id.email)}</span>
    <span class="muted">${e(id.email)}${id.user_name ? ` · @${e(id.user_name)}` : ''}</span></span></button></form>`;
}

export function standInPage(v: StandInView): string {
  const label = providerLabel(v.provider);
  const d = v.draft ?? {};
  const known = v.known.length ? `<div class="card"><h2>Continue with an earlier ${e(label)} identity</h2>${v.known.map((id) => pick(v, id)).join('')}</div>` : '';
  return renderPage({
    title: `Sign in with ${label}`,
    tag: 'local stand-in',
    body: `<div class="card"><h1>Sign in with ${e(label)}</h1>
  <p class="muted">Trestle stands in for ${e(label)} on this machine: choose who ${e(label)} says signed in, and the app at
  <code>${e(new URL(v.redirectTo).origin)}</code> receives that identity.</p>${errorNotice(v.error)}</div>
${known}
<div class="card"><h2>A new ${e(label)} identity</h2>
  <form method="post" action="${e(v.action)}" class="stack" data-testid="stand-in-form">${hidden('state', v.state)}
    <label>Name<input name="name" value="${e(d.name)}" data-testid="stand-in-name"></label>
    <label>Email<input type="email" name="email" required value="${e(d.email)}" data-testid="stand-in-email"></label>
    <label>Username<input name="user_name" value="${e(d.user_name)}" data-testid="stand-in-username"></label>
    <label>Avatar URL<input type="url" name="avatar_url" value="${e(d.avatar_url)}" placeholder="https://…" data-testid="stand-in-avatar"></label>
    <div class="row end"><button class="btn btn-primary" type="submit" data-testid="stand-in-continue">Continue as this identity</button></div>
  </form></div>
<form method="post" action="${e(v.action)}">${hidden('state', v.state)}<input type="hidden" name="deny" value="1">
  <button class="btn" type="submit" data-testid="stand-in-deny">Deny (the app receives access_denied)</button></form>`,
  });
}
