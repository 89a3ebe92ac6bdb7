// The provider's pages: sign in (email + password, or "continue as" a local user), consent, sign out, and errors.
import { errorNotice, escapeHtml as e, renderPage } from '../html/page.js';
import type { AccountChoice } from './accounts.js';

const SCOPE_TEXT: Record<string, string> = {
  openid: 'Know who you are (your user id)',
  profile: 'Your name, username and picture',
  email: 'Your email address',
  phone: 'Your phone number',
  offline_access: 'Stay signed in (refresh tokens)',
};

export interface LoginView {
  action: string;
  abort: string;
  clientName: string;
  users: AccountChoice[];
  email?: string;
  error?: string;
}

function choice(u: AccountChoice): string {
  return `<button class="btn choice" type="submit" name="account" value="${e(u.id)}" data-testid="continue-as">
    <span class="who"><span>Continue as <strong>${e(u.email)}</strong></span>${u.name ? `<span class="muted">${e(u.name)}</span>` : ''}</span></button>`;
}

export function loginPage(v: LoginView): string {
  const quick = v.users.length
    ? `<div class="card"><h2>Quick sign-in</h2><p class="muted">Local testing: sign in as an existing user without a password.</p>
       <form method="post" action="${e(v.action)}">${v.users.map(choice).join('')}</form></div>`
    : '';
  return renderPage({
    title: 'Sign in',
    body: `<div class="card"><h1>Sign in to ${e(v.clientName)}</h1>
  <p class="muted">With a user of this project's Authentication.</p>
  ${errorNotice(v.error)}
  <form method="post" action="${e(v.action)}" class="stack" data-testid="login-form">
    <label>Email<input type="email" name="email" autocomplete="username" required value="${e(v.email)}" data-testid="login-email"></label>
    <label>Password<input type="password" name="password" autocomplete="current-password" required data-testid="login-password"></label>
    <div class="row end"><button class="btn btn-primary" type="submit" data-testid="login-submit">Sign in</button></div>
  </form></div>
${quick}
<form method="post" action="${e(v.abort)}"><button class="btn" type="submit" data-testid="login-cancel">Cancel and return to the app</button></form>`,
  });
}

export interface ConsentView {
  action: string;
  abort: string;
  clientName: string;
  userLabel: string;
  scopes: string[];
}

export function consentPage(v: ConsentView): string {
  const items = v.scopes.map((s) => `<li><code>${e(s)}</code> ${e(SCOPE_TEXT[s] ?? '')}</li>`).join('');
  return renderPage({
    title: 'Authorize',
    body: `<div class="card"><h1>${e(v.clientName)} wants to access your account</h1>
  <p class="muted">Signed in as <strong>${e(v.userLabel)}</strong></p>
  ${items ? `<ul class="scopes" data-testid="consent-scopes">${items}</ul>` : ''}
  <div class="row end">
    <form method="post" action="${e(v.abort)}"><button class="btn" type="submit" data-testid="consent-deny">Deny</button></form>
    <form method="post" action="${e(v.action)}"><button class="btn btn-primary" type="submit" data-testid="consent-allow">Allow</button></form>
  </div></div>`,
  });
}

/** oidc-provider's logout confirmation: `form` is its hidden form (with the xsrf token) the buttons submit. */
export function logoutPage(form: string, host: string): string {
  return renderPage({
    title: 'Sign out',
    body: `<div class="card"><h1>Sign out of ${e(host)}?</h1>${form}
  <div class="row end"><button class="btn" type="submit" form="op.logoutForm">Stay signed in</button>
  <button class="btn btn-primary" type="submit" form="op.logoutForm" name="logout" value="yes" data-testid="logout-confirm">Sign out</button></div></div>`,
  });
}

export function loggedOutPage(clientName: string | undefined): string {
  return renderPage({
    title: 'Signed out',
    body: `<div class="card"><h1>Signed out</h1><p class="muted">You are signed out${clientName ? ` of ${e(clientName)}` : ''}. You can close this page.</p></div>`,
  });
}

export function errorPage(out: { error: string; error_description?: string }): string {
  const rows = (['error', 'error_description'] as const).filter((k) => out[k]).map((k) => `<p><code>${e(k)}</code> ${e(out[k])}</p>`).join('');
  return renderPage({ title: 'Sign-in error', body: `<div class="card" data-testid="oidc-error"><h1>Something went wrong</h1>${rows}</div>` });
}
