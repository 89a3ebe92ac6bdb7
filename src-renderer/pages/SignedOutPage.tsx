export function SignedOutPage() {
  return (
    <section className="page signed-out" data-testid="signed-out">
      <h1>Trestle</h1>
      <p>This browser is not signed in to the dashboard.</p>
      <p>Open the <strong>Dashboard</strong> link Trestle printed when it started (it carries a one-time token), or use the desktop app.</p>
    </section>
  );
}
