// A loopback OpenID Connect provider standing in for ProConnect in coopdec's tests.
// Real oidc-provider (authorization code + PKCE, signed ID tokens, discovery, JWKS, userinfo,
// RP-initiated logout); only the users are made up. Started by tests/accounts/oidc.py with:
//   PORT, CLIENT_ID, CLIENT_SECRET, REDIRECT_URIS, POST_LOGOUT_URIS (comma-separated),
//   JWKS_FILE (private JWK set, so that tests can also forge tokens with the same key),
//   USERS (JSON: {login: {email, given_name, usual_name, siret}}), PASSWORD.
import fs from "node:fs";
import http from "node:http";
import { Provider } from "oidc-provider";

const env = process.env;
const port = Number(env.PORT);
const issuer = `http://127.0.0.1:${port}`;
const users = JSON.parse(env.USERS);
const jwks = JSON.parse(fs.readFileSync(env.JWKS_FILE, "utf8"));
const list = (value) => (value || "").split(",").filter(Boolean);
const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (title, body) =>
  `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>${title}</title></head>` +
  `<body><h1>${title}</h1>${body}</body></html>`;

const provider = new Provider(issuer, {
  clients: [{
    client_id: env.CLIENT_ID,
    client_secret: env.CLIENT_SECRET,
    redirect_uris: list(env.REDIRECT_URIS),
    post_logout_redirect_uris: list(env.POST_LOGOUT_URIS),
    response_types: ["code"],
    grant_types: ["authorization_code"],
    token_endpoint_auth_method: "client_secret_post",
    id_token_signed_response_alg: "RS256",
  }],
  jwks,
  cookies: { keys: ["coopdec-test-provider"] },
  pkce: { required: () => true },
  claims: {
    openid: ["sub"],
    email: ["email"],
    given_name: ["given_name"],
    usual_name: ["usual_name"],
    siret: ["siret"],
  },
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      logoutSource: async (ctx, form) => {
        ctx.body = page("Déconnexion ProConnect (test)",
          `${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">` +
          "Se déconnecter</button>");
      },
      postLogoutSuccessSource: async (ctx) => {
        ctx.body = page("Déconnecté", "<p>Vous êtes déconnecté.</p>");
      },
    },
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  findAccount: async (ctx, id) => {
    if (!users[id]) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, ...users[id] }) };
  },
  ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 600,
         Grant: 600 },
});

async function readForm(req) {
  let body = "";
  for await (const chunk of req) body += chunk;
  return Object.fromEntries(new URLSearchParams(body));
}

async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (action === "login" && req.method === "POST") {
    const form = await readForm(req);
    if (!users[form.login] || form.password !== env.PASSWORD) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(page("Identifiant ou mot de passe incorrect", loginForm(uid)));
      return;
    }
    await provider.interactionFinished(req, res, { login: { accountId: form.login } },
      { mergeWithLastSubmission: false });
    return;
  }
  if (details.prompt.name === "login") {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(page("Connexion ProConnect (test)", loginForm(uid)));
    return;
  }
  // Consent: granted at once (ProConnect asks no consent of public agents).
  const grant = new provider.Grant({
    accountId: details.session.accountId, clientId: details.params.client_id,
  });
  grant.addOIDCScope(details.params.scope);
  const missing = details.prompt.details.missingOIDCClaims || [];
  if (missing.length) grant.addOIDCClaims(missing);
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { consent: { grantId } },
    { mergeWithLastSubmission: true });
}

function loginForm(uid) {
  return `<form method="post" action="/interaction/${escape(uid)}/login">` +
    '<label for="login">Identifiant</label> <input id="login" name="login" required>' +
    '<label for="password">Mot de passe</label> ' +
    '<input id="password" name="password" type="password" required>' +
    '<button type="submit">Se connecter</button></form>';
}

provider.on("end_session.error", (ctx, error) => console.log("end_session", error, error.cause));
const callback = provider.callback();
http.createServer(async (req, res) => {
  const match = req.url.match(/^\/interaction\/([\w-]+)(?:\/(login))?$/);
  if (!match) return callback(req, res);
  try {
    await interaction(req, res, match[1], match[2]);
  } catch (error) {
    res.writeHead(400, { "content-type": "text/plain; charset=utf-8" });
    res.end(String(error));
  }
}).listen(port, "127.0.0.1", () => console.log(`ready ${issuer}`));
