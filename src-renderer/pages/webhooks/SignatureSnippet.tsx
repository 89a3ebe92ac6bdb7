import { useState } from 'react';
import { CopyButton } from '../../components/CopyButton';

const NODE = `// Node.js (Express): verify X-Truss-Signature over the raw body bytes.
import crypto from 'node:crypto';
import express from 'express';

const app = express();
app.post('/hooks', express.raw({ type: 'application/json' }), (req, res) => {
  const expected = crypto.createHmac('sha256', process.env.WEBHOOK_SECRET).update(req.body).digest('hex');
  const given = req.get('X-Truss-Signature') ?? '';
  const ok = given.length === expected.length &&
    crypto.timingSafeEqual(Buffer.from(given), Buffer.from(expected));
  if (!ok) return res.status(401).end();
  const event = JSON.parse(req.body.toString('utf8'));
  // De-duplicate retries by X-Truss-Event-Id (= event.id): delivery is at least once.
  console.log(event.event, event.table, event.row);
  res.status(204).end();
});
app.listen(3000);`;

const PYTHON = `# Python (Flask): verify X-Truss-Signature over the raw body bytes.
import hashlib, hmac, json, os
from flask import Flask, abort, request

app = Flask(__name__)

@app.post("/hooks")
def hook():
    body = request.get_data()  # the exact bytes that were signed
    expected = hmac.new(os.environ["WEBHOOK_SECRET"].encode(), body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(request.headers.get("X-Truss-Signature", ""), expected):
        abort(401)
    event = json.loads(body)
    # De-duplicate retries by X-Truss-Event-Id (= event["id"]): delivery is at least once.
    print(event["event"], event["table"], event["row"])
    return "", 204`;

export function SignatureSnippet({ hasSecret }: { hasSecret: boolean }) {
  const [lang, setLang] = useState<'node' | 'python'>('node');
  const code = lang === 'node' ? NODE : PYTHON;
  return (
    <div className="card" data-testid="signature-snippet">
      <h2>Verify the signature</h2>
      {!hasSecret && <p className="notice">This webhook has no secret, so requests are not signed. Set one in Edit to get <code>X-Truss-Signature</code>.</p>}
      <p className="muted"><code>X-Truss-Signature</code> is the hex HMAC-SHA256 of the exact request body with your secret. Compare it before parsing the JSON.</p>
      <div className="tabs">
        <button type="button" className={`tab ${lang === 'node' ? 'active' : ''}`} onClick={() => setLang('node')} data-testid="snippet-node">Node.js</button>
        <button type="button" className={`tab ${lang === 'python' ? 'active' : ''}`} onClick={() => setLang('python')} data-testid="snippet-python">Python</button>
        <span style={{ marginLeft: 'auto' }}><CopyButton value={code} testId="snippet-copy" /></span>
      </div>
      <pre className="snippet" data-testid="snippet-code">{code}</pre>
    </div>
  );
}
