// Secret detection shared by every kind of document: names that say they hold a secret, values
// that are only references or placeholders, and literal credentials found anywhere in a text.
//
// Everything here is linear in the input: hand-written scanners or regexes with a literal prefix
// and bounded quantifiers, so adversarial 100k-character input cannot make it backtrack.

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

/**
 * Splits a variable or key name into lower-case words: snake_case, kebab-case, dotted.keys,
 * camelCase and PascalCase (`APIKey` → api, key); digits separate words and are dropped.
 */
export function nameTokens(name: string): string[] {
  const tokens: string[] = [];
  let current = '';
  const limit = Math.min(name.length, 256);
  const kind = (c: string): 'lower' | 'upper' | 'digit' | 'other' =>
    c >= 'a' && c <= 'z' ? 'lower' : c >= 'A' && c <= 'Z' ? 'upper' : c >= '0' && c <= '9' ? 'digit' : 'other';
  const flush = (): void => {
    if (current !== '' && !/^[0-9]+$/.test(current)) tokens.push(current.toLowerCase());
    current = '';
  };
  for (let i = 0; i < limit; i++) {
    const c = name[i];
    const k = kind(c);
    if (k === 'other') {
      flush();
      continue;
    }
    if (current !== '') {
      const previous = kind(current[current.length - 1]);
      const next = i + 1 < limit ? kind(name[i + 1]) : 'other';
      if ((previous === 'digit') !== (k === 'digit')) flush();
      else if (previous === 'lower' && k === 'upper') flush();
      else if (previous === 'upper' && k === 'upper' && next === 'lower') flush();
    }
    current += c;
  }
  flush();
  return tokens;
}

/** Words that say "this is a secret" on their own (also as the end of a compound word: `dbpassword`). */
const SECRET_WORD_ENDINGS = ['password', 'passwords', 'passwd', 'passphrase', 'secret', 'secrets', 'token', 'credential', 'credentials', 'apikey', 'apikeys', 'privatekey', 'secretkey', 'accesskey', 'sessionkey'];
/** Words that are secrets only as a whole word (`DB_PASS`, `DB_PWD`, `AWS_CREDS`). */
const SECRET_WORDS_EXACT = new Set(['pass', 'pwd', 'creds', 'cred', 'passcode', 'pin']);
/** Compound words that say "password" on their own (`DBPASS`, `PAPERLESS_DBPASS`, `LDAP_BINDPW`). */
const SECRET_COMPOUNDS = new Set(['dbpass', 'dbpwd', 'dbpw', 'rootpass', 'adminpass', 'smtppass', 'mailpass', 'ldappass', 'redispass', 'sqlpass', 'bindpw', 'bindpass']);
/** Words that make a following `key` a secret key (`API_KEY`, `PRIVATE_KEY`, `APP_KEY`…). */
const KEY_QUALIFIERS = new Set([
  'api', 'private', 'secret', 'access', 'session', 'encryption', 'encrypt', 'signing', 'sign', 'master', 'license', 'licence',
  'app', 'application', 'hmac', 'jwt', 'client', 'account', 'storage', 'ssh', 'deploy', 'crypto', 'crypt', 'cipher', 'aes',
  'auth', 'nonce', 'admin', 'service', 'subscription', 'consumer', 'shared', 'root', 'write', 'secure', 'logged', 'tls', 'ssl', 'enc', 'cookie',
]);
/**
 * Words that, after the secret word, say the variable holds something else: a path, an ID, a
 * setting, or the name of a key inside a Secret (`passwordKey`, `existingSecretPasswordKey`).
 */
const NON_SECRET_SUFFIXES = new Set([
  'file', 'files', 'path', 'paths', 'dir', 'dirs', 'directory', 'folder', 'location', 'mount', 'volume',
  'id', 'ids', 'name', 'names', 'ref', 'refs', 'reference', 'arn', 'version', 'ver',
  'sha', 'sha1', 'sha256', 'sha384', 'sha512', 'md5', 'checksum', 'hash', 'hashed', 'digest', 'fingerprint',
  'url', 'uri', 'endpoint', 'host', 'hostname', 'port', 'user', 'username', 'login',
  'expiry', 'expires', 'expire', 'expiration', 'ttl', 'timeout', 'lifetime', 'duration', 'age', 'validity',
  'length', 'len', 'size', 'min', 'max', 'minimum', 'maximum', 'count',
  'type', 'method', 'mode', 'kind', 'scheme', 'algorithm', 'alg', 'policy', 'rule', 'rules', 'regex', 'pattern', 'format',
  'enabled', 'enable', 'disabled', 'disable', 'required', 'require', 'optional', 'allowed',
  'header', 'prefix', 'suffix', 'field', 'param', 'parameter', 'placeholder', 'label', 'annotation',
  'provider', 'store', 'helper', 'manager', 'source', 'backend', 'engine', 'process', 'command', 'cmd', 'script',
  'sock', 'socket', 'strength', 'complexity', 'hint', 'prompt', 'authentication', 'issuer', 'audience', 'scope', 'scopes',
  'realm', 'claim', 'claims', 'through', 'env', 'var', 'variable', 'key',
]);
/** Words that, before the secret word, say the variable is a setting about secrets (`ALLOW_EMPTY_PASSWORD`). */
const NON_SECRET_PREFIXES = new Set([
  'allow', 'empty', 'random', 'min', 'max', 'minimum', 'maximum', 'no', 'skip', 'disable', 'enable', 'require', 'use',
  'generate', 'has', 'is', 'with', 'without', 'num', 'number', 'count', 'existing', 'external',
]);
/** Whole names that look like secrets but conventionally hold paths or settings. */
const NON_SECRET_NAMES = new Set(['google_application_credentials', 'credentials_directory', 'pwd', 'oldpwd']);

/**
 * Whether a variable or key name says it holds a secret (password, token, secret, API key,
 * private key, credentials, `*_AUTH`…). Names that hold something about a secret are not:
 * `GPG_KEY` (fingerprints), `*_PUBLIC_KEY`, `*_KEY_ID`, `*_FILE`/`*_PATH`/`*_DIR`, `*_VERSION`,
 * `*_SHA256`/`*_CHECKSUM`, `*_URL`, `*_HOST`, `*_USER`, `TOKEN_EXPIRY`, `PASSWORD_MIN_LENGTH`,
 * `*_SECRET_NAME`, `ALLOW_EMPTY_PASSWORD`, `MAX_TOKENS`…
 */
export function isSecretName(name: string): boolean {
  if (name.length === 0 || name.length > 256) return false;
  const tokens = nameTokens(name);
  if (tokens.length === 0) return false;
  if (NON_SECRET_NAMES.has(tokens.join('_'))) return false;
  // Index of the last word that makes the name a secret.
  let last = -1;
  let first = -1;
  for (let i = 0; i < tokens.length; i++) {
    if (isSecretWordAt(tokens, i)) {
      if (first < 0) first = i;
      last = i;
    }
  }
  if (last < 0) return false;
  for (let i = 0; i < first; i++) if (NON_SECRET_PREFIXES.has(tokens[i])) return false;
  for (let i = last + 1; i < tokens.length; i++) if (NON_SECRET_SUFFIXES.has(tokens[i])) return false;
  return true;
}

function isSecretWordAt(tokens: string[], i: number): boolean {
  const token = tokens[i];
  if (SECRET_WORDS_EXACT.has(token)) {
    // `PWD` alone is the working directory; `PIN` alone is too vague.
    return tokens.length > 1 && (token !== 'pin' || i === tokens.length - 1);
  }
  for (const ending of SECRET_WORD_ENDINGS) if (token.endsWith(ending)) return true;
  if (SECRET_COMPOUNDS.has(token)) return true;
  if (token === 'key' || token === 'keys') return i > 0 && KEY_QUALIFIERS.has(tokens[i - 1]);
  if (token.endsWith('key') || token.endsWith('keys')) {
    const stem = token.replace(/keys?$/, '');
    if (KEY_QUALIFIERS.has(stem)) return true;
  }
  // `NPM_AUTH`, `REGISTRY_AUTH`, `BASIC_AUTH`: auth as the last word of a longer name.
  if ((token === 'auth' || token === 'oauth' || token === 'authorization') && i === tokens.length - 1 && tokens.length > 1) return true;
  return false;
}

// ---------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------

/**
 * Whether a value is a path to a file (which may hold the secret) rather than the secret itself:
 * `/run/secrets/db`, `/etc/ssl/private/tls.key`, `~/.ssh/id_rsa`, `./certs/key.pem`.
 */
export function looksLikeFilePath(value: string): boolean {
  const v = value.trim();
  if (v.length > 1024) return false;
  return /^(?:~|\.{1,2})?\/(?:etc|run|var|root|home|opt|usr|tmp|app|srv|secrets?|certs?|config|data|mnt|keys?|workspace|src)(?:\/[\w.@+-]+)+\/?$/.test(v) || /^(?:~|\.{1,2})\/[\w.@+-]+(?:\/[\w.@+-]+)*$/.test(v);
}

const PLACEHOLDER_WORDS = new Set(['null', 'nil', 'none', 'undefined', 'true', 'false', 'yes', 'no', 'on', 'off', 'redacted', 'placeholder', 'todo', 'tbd', 'fixme', 'replace_me', 'replaceme', 'replace-me', '-', '...', '…']);

/**
 * Whether a value is not a literal secret: empty, a variable or template reference (`$VAR`,
 * `${VAR}`, `$(cat …)`, `{{ … }}`, `<%= … %>`, `%VAR%`), a secret-store reference (`/run/secrets/…`,
 * `vault:`, `op://`, `arn:aws:secretsmanager:`…), or an obvious placeholder (`<password>`, `xxx`,
 * `***`, `REPLACE_ME`, `your-token-here`). A literal default such as `changeme` or `admin` is NOT
 * a placeholder: it is a real password somebody will leave in place.
 */
export function isPlaceholderValue(value: string): boolean {
  let v = value.trim();
  if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0]) v = v.slice(1, -1).trim();
  if (v === '') return true;
  // `${VAR:-default}` / `${VAR-default}` / `${VAR:=default}`: the default is what may be literal.
  const withDefault = /^\$\{[A-Za-z_][A-Za-z0-9_]*:?[-=]([^{}]*)\}$/.exec(v);
  if (withDefault) return isPlaceholderValue(withDefault[1]);
  if (v.includes('$')) {
    // Any variable, parameter expansion or command substitution: the value is computed.
    if (/\$(?:[A-Za-z_{(]|[0-9@*#?])/.test(v)) return true;
  }
  if (v.includes('{{') && v.includes('}}')) return true; // Helm, Jinja, Go templates
  if (v.includes('<%') && v.includes('%>')) return true; // ERB
  const interpolation = v.indexOf('#{');
  if (interpolation >= 0 && v.indexOf('}', interpolation) > interpolation + 2) return true; // Ruby/Octopus #{…}
  if (/^%[A-Za-z_][A-Za-z0-9_]*%$/.test(v)) return true; // Windows %VAR%
  if (/^<[^<>]{1,200}>$/.test(v) || /^\[[^[\]]{1,200}\]$/.test(v)) return true; // <password>, [token]
  if (/^(?:[xX*•.#-]+|0+)$/.test(v)) return true; // xxx, ***, ...., 0000
  const lower = v.toLowerCase();
  if (PLACEHOLDER_WORDS.has(lower)) return true;
  if (looksLikeFilePath(v)) return true;
  if (/^(?:op|vault|sm|gcp-secret|azure-keyvault|secretsmanager|ssm):\/?\/?/.test(lower)) return true;
  if (lower.startsWith('arn:aws:secretsmanager:') || lower.startsWith('arn:aws:ssm:') || lower.startsWith('@microsoft.keyvault(')) return true;
  if (/^projects\/[^/]+\/secrets\//.test(v)) return true;
  if (/^your[-_ .]?/.test(lower) && /[-_ .]/.test(lower)) return true; // your-token-here, your_api_key
  if (/^(?:my|some|the)[-_ ]?(?:secret|password|token|key|api[-_]?key)$/.test(lower)) return true;
  if (/[-_ .]here$/.test(lower) && lower.length < 64) return true; // token-here, put_key_here
  if (/(?:^|[-_ ])replace[-_ ]?(?:me|this|with|it)(?:$|[-_ ])/.test(lower)) return true;
  if (/^(?:insert|enter|put|set|add)[-_ ](?:your|the|a)[-_ ]/.test(lower)) return true;
  if (lower.includes('placeholder')) return true;
  // A metavariable: `--password PASSWORD`, `API_KEY=YOUR_API_KEY`.
  if (/^[A-Z][A-Z0-9_]*$/.test(v) && isSecretName(v)) return true;
  return false;
}

// ---------------------------------------------------------------------------------------------
// Literal credentials
// ---------------------------------------------------------------------------------------------

export type CredentialKind =
  | 'private-key'
  | 'aws-access-key-id'
  | 'aws-secret-access-key'
  | 'github-token'
  | 'gitlab-token'
  | 'slack-token'
  | 'slack-webhook'
  | 'stripe-key'
  | 'google-api-key'
  | 'sendgrid-key'
  | 'npm-token'
  | 'pypi-token'
  | 'openai-key'
  | 'anthropic-key'
  | 'huggingface-token'
  | 'url-password'
  | 'cli-password'
  | 'aws-cli-secret'
  | 'npmrc-auth'
  | 'connection-string-password';

export interface CredentialMatch {
  /** Offsets in the given text: [start, end). */
  start: number;
  end: number;
  kind: CredentialKind | string;
}

const DESCRIPTIONS: Record<CredentialKind, string> = {
  'private-key': 'a private key',
  'aws-access-key-id': 'an AWS access key ID',
  'aws-secret-access-key': 'an AWS secret access key',
  'github-token': 'a GitHub token',
  'gitlab-token': 'a GitLab personal access token',
  'slack-token': 'a Slack token',
  'slack-webhook': 'a Slack webhook URL',
  'stripe-key': 'a live Stripe secret key',
  'google-api-key': 'a Google API key',
  'sendgrid-key': 'a SendGrid API key',
  'npm-token': 'an npm access token',
  'pypi-token': 'a PyPI API token',
  'openai-key': 'an OpenAI API key',
  'anthropic-key': 'an Anthropic API key',
  'huggingface-token': 'a Hugging Face token',
  'url-password': 'a password in a URL',
  'cli-password': 'a password on a command line',
  'aws-cli-secret': 'an AWS secret key given to `aws configure set`',
  'npmrc-auth': 'an npm registry auth token',
  'connection-string-password': 'a password in a connection string',
};

/** Human description of a credential kind, for messages: "a GitHub token". */
export function describeCredential(kind: string): string {
  return (DESCRIPTIONS as Record<string, string>)[kind] ?? 'a credential';
}

/** Lines longer than this are skipped by the context-dependent (URL and command-line) scanners. */
const MAX_LINE_FOR_CONTEXT_PATTERNS = 20_000;
/** At most this many matches are returned (a pathological file should not flood the editor). */
const MAX_MATCHES = 1000;

interface TokenPattern {
  kind: CredentialKind;
  regex: RegExp;
  /** Capture group holding the credential (0 = whole match). */
  group?: number;
  /** Rejects documentation examples and obvious fakes. */
  reject?: (credential: string) => boolean;
}

/** `EXAMPLE` in AWS keys marks the AWS documentation's sample keys (AKIAIOSFODNN7EXAMPLE). */
const awsExample = (credential: string): boolean => credential.includes('EXAMPLE');

/** Too few distinct characters to be a real random token: `ghp_xxxxxxxx…`, `AKIA0000…`. */
function looksFake(body: string): boolean {
  const distinct = new Set(body.replace(/[-_]/g, ''));
  return distinct.size < 6;
}

const TOKEN_PATTERNS: TokenPattern[] = [
  { kind: 'aws-access-key-id', regex: /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}(?![A-Za-z0-9])/g, reject: (c) => awsExample(c) || looksFake(c.slice(4)) },
  {
    kind: 'aws-secret-access-key',
    regex: /aws_?secret_?(?:access_?)?key["']?(?:[ \t]{0,20}[:=][ \t]{0,20}|[ \t]{1,20})["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi,
    group: 1,
    reject: (c) => awsExample(c) || looksFake(c),
  },
  { kind: 'github-token', regex: /(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36,251}(?![A-Za-z0-9_])/g, reject: (c) => looksFake(c.slice(4)) },
  { kind: 'github-token', regex: /(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9_]{22,244}(?![A-Za-z0-9_])/g, reject: (c) => looksFake(c.slice(11)) },
  { kind: 'gitlab-token', regex: /(?<![A-Za-z0-9_-])glpat-[A-Za-z0-9_-]{20,64}(?![A-Za-z0-9_-])/g, reject: (c) => looksFake(c.slice(6)) },
  { kind: 'slack-token', regex: /(?<![A-Za-z0-9_-])xox[baprse]-[A-Za-z0-9-]{10,250}(?![A-Za-z0-9-])/g, reject: (c) => looksFake(c.slice(5)) },
  { kind: 'slack-webhook', regex: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/T[A-Z0-9]{6,12}\/[A-Z0-9]{6,12}\/[A-Za-z0-9]{16,48}(?![A-Za-z0-9])/g, reject: (c) => looksFake(c.slice(c.lastIndexOf('/') + 1)) },
  { kind: 'stripe-key', regex: /(?<![A-Za-z0-9_])(?:sk|rk)_live_[A-Za-z0-9]{20,247}(?![A-Za-z0-9_])/g, reject: (c) => looksFake(c.slice(8)) },
  { kind: 'google-api-key', regex: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g, reject: (c) => looksFake(c.slice(4)) },
  { kind: 'sendgrid-key', regex: /(?<![A-Za-z0-9_-])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g, reject: (c) => looksFake(c.slice(3)) },
  { kind: 'npm-token', regex: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/g, reject: (c) => looksFake(c.slice(4)) },
  { kind: 'pypi-token', regex: /(?<![A-Za-z0-9_-])pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1000}(?![A-Za-z0-9_-])/g },
  { kind: 'openai-key', regex: /(?<![A-Za-z0-9_-])sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,200}T3BlbkFJ[A-Za-z0-9_-]{20,200}(?![A-Za-z0-9_-])/g },
  { kind: 'anthropic-key', regex: /(?<![A-Za-z0-9_-])sk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_-]{80,120}(?![A-Za-z0-9_-])/g, reject: (c) => looksFake(c.slice(14)) },
  { kind: 'huggingface-token', regex: /(?<![A-Za-z0-9_])hf_[A-Za-z]{34}(?![A-Za-z0-9_])/g, reject: (c) => looksFake(c.slice(3)) },
  {
    kind: 'npmrc-auth',
    regex: /(?<![A-Za-z0-9_])_(?:authToken|auth|password)[ \t]{0,20}=[ \t]{0,20}["']?([^\s"'`$%{<][^\s"'`]{7,511})/g,
    group: 1,
    reject: (c) => isPlaceholderValue(c) || looksFake(c),
  },
];

const PEM_BEGIN = /-----BEGIN ((?:[A-Z0-9]{1,20} ){0,3})PRIVATE KEY( BLOCK)?-----/g;
const PEM_END = /-----END (?:[A-Z0-9]{1,20} ){0,3}PRIVATE KEY(?: BLOCK)?-----/g;

/**
 * Literal credentials anywhere in a text: PEM private key blocks (also base64-encoded, as in a
 * Kubernetes `tls.key`), AWS access key IDs (and secret
 * keys next to an `aws_secret_access_key` name), GitHub/GitLab/Slack/Stripe/Google/SendGrid/npm/
 * PyPI/OpenAI/Anthropic/Hugging Face tokens, Slack webhooks, `scheme://user:password@host` URLs,
 * passwords given on command lines (`--password x`, `mysql -px`, `docker login -p x`,
 * `curl -u user:x`, `sshpass -p x`, `openssl … pass:x`), npm `_authToken=`, and
 * `Password=…;` in connection strings.
 *
 * Values that are references or placeholders (`$VAR`, `${VAR}`, `$(cat …)`, `{{ … }}`, `<pw>`,
 * `xxx`) are not credentials, nor are AWS documentation keys (containing `EXAMPLE`) and
 * tokens with too few distinct characters (`ghp_xxxx…`). Offsets are UTF-16 offsets in `text`.
 * The result is sorted by start offset.
 */
export function findCredentials(text: string): CredentialMatch[] {
  const matches: CredentialMatch[] = [];
  const add = (start: number, end: number, kind: CredentialKind): void => {
    if (matches.length < MAX_MATCHES && end > start) matches.push({ start, end, kind });
  };

  findPrivateKeys(text, add);
  findBase64PrivateKeys(text, add);

  for (const pattern of TOKEN_PATTERNS) {
    // Cheap pre-check on the literal part so most texts skip most regexes.
    pattern.regex.lastIndex = 0;
    for (let m = pattern.regex.exec(text); m !== null; m = pattern.regex.exec(text)) {
      if (matches.length >= MAX_MATCHES) break;
      const group = pattern.group ?? 0;
      const credential = m[group];
      if (credential === undefined) continue;
      const start = group === 0 ? m.index : m.index + m[0].lastIndexOf(credential);
      if (pattern.reject?.(credential)) continue;
      add(start, start + credential.length, pattern.kind);
    }
  }

  const full = (): boolean => matches.length >= MAX_MATCHES;
  forEachLine(text, (lineStart, lineEnd) => {
    if (full() || lineEnd - lineStart > MAX_LINE_FOR_CONTEXT_PATTERNS) return;
    findUrlPasswords(text, lineStart, lineEnd, add);
    findConnectionStringPasswords(text, lineStart, lineEnd, add);
  });
  findCommandLinePasswords(text, add, full);

  // Sort and drop matches contained in an earlier one (a token inside a private key block).
  matches.sort((a, b) => a.start - b.start || b.end - a.end);
  const result: CredentialMatch[] = [];
  let coveredTo = -1;
  for (const match of matches) {
    if (match.end <= coveredTo) continue;
    result.push(match);
    coveredTo = Math.max(coveredTo, match.end);
  }
  return result;
}

function forEachLine(text: string, callback: (start: number, end: number) => void): void {
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    callback(start, end > start && text[end - 1] === '\r' ? end - 1 : end);
    start = end + 1;
  }
}

/** `-----BEGIN ` in base64, as it starts a base64-encoded PEM (Kubernetes `tls.key`, `.dockercfg`-style values). */
const BASE64_PEM = /(?<![A-Za-z0-9+/])LS0tLS1CRUdJTi[A-Za-z0-9+/]{40,100}/g;

/** A base64-encoded PEM private key: reports the whole base64 value. */
function findBase64PrivateKeys(text: string, add: (start: number, end: number, kind: CredentialKind) => void): void {
  if (!text.includes('LS0tLS1CRUdJTi')) return;
  BASE64_PEM.lastIndex = 0;
  let coveredTo = -1;
  for (let m = BASE64_PEM.exec(text); m !== null; m = BASE64_PEM.exec(text)) {
    if (m.index < coveredTo) continue;
    const head = m[0].slice(0, m[0].length - (m[0].length % 4));
    let decoded = '';
    try {
      decoded = atob(head);
    } catch {
      continue;
    }
    if (!/^-----BEGIN (?:[A-Z0-9]{1,20} ){0,3}PRIVATE KEY/.test(decoded)) continue;
    let end = m.index + m[0].length;
    const limit = Math.min(text.length, m.index + 100_000);
    while (end < limit && /[A-Za-z0-9+/=]/.test(text[end])) end++;
    add(m.index, end, 'private-key');
    coveredTo = end;
  }
}

function findPrivateKeys(text: string, add: (start: number, end: number, kind: CredentialKind) => void): void {
  if (!text.includes('PRIVATE KEY')) return;
  const ends: Array<[number, number]> = [];
  PEM_END.lastIndex = 0;
  for (let m = PEM_END.exec(text); m !== null; m = PEM_END.exec(text)) ends.push([m.index, m.index + m[0].length]);
  const begins: Array<[number, number]> = [];
  PEM_BEGIN.lastIndex = 0;
  for (let m = PEM_BEGIN.exec(text); m !== null; m = PEM_BEGIN.exec(text)) begins.push([m.index, m.index + m[0].length]);
  let endIndex = 0;
  let coveredTo = -1;
  for (let b = 0; b < begins.length; b++) {
    const [begin, bodyStart] = begins[b];
    if (begin < coveredTo) continue;
    while (endIndex < ends.length && ends[endIndex][0] < bodyStart) endIndex++;
    // The body ends at the END marker, or (no END marker) is looked at for a short stretch;
    // never past the next BEGIN marker, so every character is looked at once.
    const end = endIndex < ends.length ? ends[endIndex] : undefined;
    const nextBegin = b + 1 < begins.length ? begins[b + 1][0] : text.length;
    const bodyEnd = Math.min(end ? end[0] : bodyStart + 4096, nextBegin, bodyStart + 20_000);
    if (!hasKeyMaterial(text, bodyStart, bodyEnd)) continue;
    const stop = end && end[0] <= nextBegin ? end[1] : bodyStart;
    add(begin, stop, 'private-key');
    coveredTo = stop;
  }
}

/** A private key body holds base64: a run of 32+ base64 characters (line breaks and `\n` escapes allowed between runs). */
function hasKeyMaterial(text: string, start: number, end: number): boolean {
  let run = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    const base64 = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 43 || c === 47;
    if (base64) {
      if (++run >= 32) return true;
    } else {
      run = 0;
    }
  }
  return false;
}

function isSchemeChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 43 || code === 46 || code === 45;
}
const AUTHORITY_STOP = new Set([' ', '\t', '\r', '\n', '/', '?', '#', '"', "'", '`', '<', '>', '\\', ',', ';', '(', ')', '[', ']', '{', '}', '|']);

/** `scheme://user:password@host` with a literal password: reports the password. */
function findUrlPasswords(text: string, lineStart: number, lineEnd: number, add: (start: number, end: number, kind: CredentialKind) => void): void {
  // Searched within the line only: `text.indexOf('://', from)` ran to the end of the whole text for
  // every line without a URL (quadratic: seconds on a file of many short lines, found by fuzzing).
  const line = text.slice(lineStart, lineEnd);
  if (!line.includes('://')) return;
  let from = lineStart;
  for (;;) {
    const found = line.indexOf('://', from - lineStart);
    const sep = found < 0 ? -1 : lineStart + found;
    if (sep < 0 || sep >= lineEnd) return;
    from = sep + 3;
    // A scheme of at least two characters, starting with a letter.
    let schemeStart = sep;
    while (schemeStart > lineStart && sep - schemeStart < 32 && isSchemeChar(text.charCodeAt(schemeStart - 1))) schemeStart--;
    if (sep - schemeStart < 2 || !/[A-Za-z]/.test(text[schemeStart])) continue;
    // The authority runs to the first character that cannot be in it (templates `${…}` may contain `{`).
    let i = sep + 3;
    let at = -1;
    let colon = -1;
    let braces = 0;
    while (i < lineEnd && i - sep < 1024) {
      const c = text[i];
      if (c === '$' && text[i + 1] === '{') {
        braces++;
        i += 2;
        continue;
      }
      if (c === '}' && braces > 0) {
        braces--;
        i++;
        continue;
      }
      if (braces === 0 && AUTHORITY_STOP.has(c)) break;
      if (c === '@') at = i;
      if (c === ':' && colon < 0 && at < 0) colon = i;
      i++;
    }
    if (at < 0 || colon < 0 || colon > at) continue;
    // `user:pass@` must be followed by a host.
    if (at + 1 >= i) continue;
    const password = text.slice(colon + 1, at);
    if (password === '' || isPlaceholderValue(password) || password.includes('$') || password.includes('%{')) continue;
    // A percent-encoded template (`%7B%7B`) or a URL-encoded variable reference.
    if (/%(?:24|7B)/i.test(password)) continue;
    add(colon + 1, at, 'url-password');
  }
}

/**
 * Whether `text` ends with `key=value` (value up to 200 characters, no `;`), then an optional `;`
 * and blanks. Scans back from the end: the equivalent `/[A-Za-z ]=[^;]{0,200};?\s*$/` tries 200
 * characters from every `=` of the text (O(n·200) per call, and it ran once per password match).
 */
function endsWithKeyValue(text: string): boolean {
  let end = text.trimEnd().length;
  if (text[end - 1] === ';') end--;
  for (let i = end - 1; i >= 1 && end - i - 1 <= 200; i--) {
    const c = text[i];
    if (c === ';') return false;
    if (c === '=' && /[A-Za-z ]/.test(text[i - 1])) return true;
  }
  return false;
}

/** ADO.NET / JDBC-style `…;Password=literal;…` connection strings. */
function findConnectionStringPasswords(text: string, lineStart: number, lineEnd: number, add: (start: number, end: number, kind: CredentialKind) => void): void {
  const line = text.slice(lineStart, lineEnd);
  if (!/pass|pwd/i.test(line) || !line.includes(';')) return;
  const regex = /(?:^|;)[ \t]{0,10}(?:password|pwd)[ \t]{0,10}=[ \t]{0,10}([^;"'\s][^;"'\r\n]{0,255})/gi;
  for (let m = regex.exec(line); m !== null; m = regex.exec(line)) {
    const value = m[1].trimEnd();
    // A connection string has other `key=value;` pairs around the password.
    const before = line.slice(Math.max(0, m.index - 300), m.index);
    const after = line.slice(m.index + m[0].length, m.index + m[0].length + 2);
    if (!endsWithKeyValue(before) && !after.startsWith(';')) continue;
    if (isPlaceholderValue(value) || value.includes('$')) continue;
    const start = lineStart + m.index + m[0].length - m[1].length;
    add(start, start + value.length, 'connection-string-password');
  }
}

interface CliWord {
  value: string;
  start: number;
  end: number;
  /** The word was quoted. */
  quoted: boolean;
}

interface Segment {
  words: CliWord[];
  /** Offset just after the segment (at its separator). */
  end: number;
  /** The separator that ended it: `|`, `;`, `&`, `\n`, ... ('' at the end of the text). */
  separator: string;
}

/** Characters that end an unquoted word: blanks, separators, quotes. */
function isWordStop(code: number): boolean {
  return code === 32 || code === 9 || code === 13 || code === 10 || code === 59 /* ; */ || code === 124 /* | */ || code === 38 /* & */ || code === 96 /* ` */ || code === 41 /* ) */ || code === 34 || code === 39;
}

/**
 * Reads one command segment as words (simple shell quoting, `\`-newline continuations), up to a
 * command separator. A `#` at the start of a word comments out the rest of the line. Words that
 * are only punctuation (`[`, `,` of JSON arrays) are skipped. Always advances past `start`.
 */
function readSegment(text: string, start: number, limit: number): Segment {
  const words: CliWord[] = [];
  let i = start;
  const stop = Math.min(text.length, start + limit);
  while (i < stop) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\\' && (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))) {
      i += text[i + 1] === '\n' ? 2 : 3;
      continue;
    }
    if (c === '#') {
      while (i < stop && text[i] !== '\n') i++;
      continue;
    }
    if (c === '\n' || c === ';' || c === '|' || c === '&' || c === '`' || c === ')') {
      return { words, end: i, separator: c };
    }
    if (c === '"' || c === "'") {
      let close = i + 1;
      while (close < stop && text[close] !== c && text[close] !== '\n') close++;
      if (close < stop && text[close] === c) {
        words.push({ value: text.slice(i + 1, close), start: i + 1, end: close, quoted: true });
        i = close + 1;
      } else {
        i++; // an unbalanced quote: read on as if it were not there
      }
      continue;
    }
    const wordStart = i;
    while (i < stop && !isWordStop(text.charCodeAt(i))) i++;
    if (i === wordStart) {
      i++;
      continue;
    }
    const value = text.slice(wordStart, i);
    if (/^[[\]{},:]+$/.test(value)) continue;
    words.push({ value, start: wordStart, end: i, quoted: false });
  }
  return { words, end: i, separator: '' };
}

const PASSWORD_LONG_OPTION = /^--(?:[a-z0-9]{1,20}-){0,3}(?:password|passwd)$/i;
const MYSQL_PROGRAMS = /^(?:mysql|mysqldump|mysqladmin|mysqlimport|mysqlshow|mysqlcheck|mysqlpump|mysqlsh|mariadb|mariadb-dump|mariadb-admin|mariadb-import|mariadb-check)$/;
const LOGIN_PROGRAMS = /^(?:docker|podman|buildah|skopeo|nerdctl|oras|crane|helm|regctl)$/;

function literalPassword(word: CliWord | undefined): word is CliWord {
  if (!word) return false;
  const value = word.value;
  if (value === '' || value.startsWith('-') || value.includes('$') || value.includes('`') || value === '\\') return false;
  return !isPlaceholderValue(value);
}

function programBase(value: string): string {
  const slash = value.lastIndexOf('/');
  return slash >= 0 ? value.slice(slash + 1) : value;
}

/** A password glued to an option: `-pSECRET`, or `-p"SECRET"` (the quoted word right after). */
function gluedValue(word: CliWord, prefixLength: number, next: CliWord | undefined): CliWord {
  if (word.value.length === prefixLength && next && next.quoted && next.start === word.end + 1) return next;
  return { value: word.value.slice(prefixLength), start: word.start + prefixLength, end: word.end, quoted: false };
}

/**
 * Passwords given on command lines: `--password x` / `--db-password=x` (any program; mysql's
 * `--password x` prompts, so only `--password=x` and `-px` count there), `docker login -p x`,
 * `sshpass -p x`, `curl -u user:x`, `openssl … -passin pass:x`, `echo user:x | chpasswd`,
 * `aws configure set aws_secret_access_key x`.
 * Linear: the text is read once, segment by segment.
 */
function findCommandLinePasswords(text: string, add: (start: number, end: number, kind: CredentialKind) => void, full: () => boolean): void {
  const trigger = /pass|-p|-u|--user|-U|aws_se/i;
  if (!trigger.test(text)) return;
  // Only logical lines (physical lines joined by `\`-newline) that mention an option are read word by word.
  let lineStart = 0;
  while (lineStart < text.length && !full()) {
    let lineEnd = text.indexOf('\n', lineStart);
    while (lineEnd > 0 && (text[lineEnd - 1] === '\\' || (text[lineEnd - 1] === '\r' && text[lineEnd - 2] === '\\'))) lineEnd = text.indexOf('\n', lineEnd + 1);
    if (lineEnd < 0) lineEnd = text.length;
    if (trigger.test(text.slice(lineStart, lineEnd))) {
      let position = lineStart;
      let previous: Segment | undefined;
      while (position < lineEnd && !full()) {
        const segment = readSegment(text, position, Math.min(8000, lineEnd - position));
        position = segment.end + 1;
        scanSegment(segment, previous, add);
        previous = segment;
      }
    }
    lineStart = lineEnd + 1;
  }
}

function scanSegment(segment: Segment, previous: Segment | undefined, add: (start: number, end: number, kind: CredentialKind) => void): void {
  const words = segment.words;
  if (words.length === 0) return;
  let mysql = false;
  let login = false;
  let sshpass = false;
  let curl = false;
  let openssl = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const value = word.value;
    const base = programBase(value);
    if (MYSQL_PROGRAMS.test(base)) mysql = true;
    else if (LOGIN_PROGRAMS.test(base) && words.slice(i + 1, i + 4).some((w) => w.value === 'login')) login = true;
    else if (base === 'sshpass') sshpass = true;
    else if (base === 'curl') curl = true;
    else if (base === 'openssl') openssl = true;
    else if (base === 'chpasswd' && previous?.separator === '|') scanChpasswdInput(previous, add);
    // `aws configure set aws_secret_access_key VALUE` writes the key into ~/.aws/credentials.
    if (base === 'aws' && words[i + 1]?.value === 'configure' && words[i + 2]?.value === 'set' && /^(?:[\w-]+\.)*aws_(?:secret_access_key|session_token)$/.test(words[i + 3]?.value ?? '')) {
      if (literalPassword(words[i + 4])) add(words[i + 4].start, words[i + 4].end, 'aws-cli-secret');
      continue;
    }
    if (!value.startsWith('-')) continue;
    const eq = value.indexOf('=');
    const optionName = eq > 0 ? value.slice(0, eq) : value;
    if (PASSWORD_LONG_OPTION.test(optionName)) {
      if (eq > 0) {
        const literal = gluedValue(word, eq + 1, words[i + 1]);
        if (literalPassword(literal)) add(literal.start, literal.end, 'cli-password');
      } else if (!mysql && literalPassword(words[i + 1])) {
        // mysql's `--password` without `=` prompts; the next word is the database.
        add(words[i + 1].start, words[i + 1].end, 'cli-password');
      }
      continue;
    }
    if ((mysql || sshpass) && value.startsWith('-p') && !value.startsWith('--') && (value.length > 2 || (words[i + 1]?.quoted === true && words[i + 1].start === word.end + 1))) {
      const literal = gluedValue(word, 2, words[i + 1]);
      if (literalPassword(literal)) add(literal.start, literal.end, 'cli-password');
      continue;
    }
    if ((login || sshpass) && value === '-p' && literalPassword(words[i + 1])) {
      add(words[i + 1].start, words[i + 1].end, 'cli-password');
      continue;
    }
    if (curl && (value === '-u' || value === '--user' || value === '--proxy-user' || value === '-U')) {
      const credentials = words[i + 1];
      const colon = credentials ? credentials.value.indexOf(':') : -1;
      if (credentials && colon >= 0) {
        const literal = { value: credentials.value.slice(colon + 1), start: credentials.start + colon + 1, end: credentials.end, quoted: false };
        if (literalPassword(literal)) add(literal.start, literal.end, 'cli-password');
      }
      continue;
    }
    if (openssl && /^-pass(?:in|out)?$/.test(value)) {
      const next = words[i + 1];
      if (next && next.value.startsWith('pass:')) {
        const literal = { value: next.value.slice(5), start: next.start + 5, end: next.end, quoted: false };
        if (literalPassword(literal)) add(literal.start, literal.end, 'cli-password');
      }
    }
  }
}

/** `echo 'user:password' | chpasswd`: the password part of the echoed text. */
function scanChpasswdInput(segment: Segment, add: (start: number, end: number, kind: CredentialKind) => void): void {
  const words = segment.words;
  const program = words.findIndex((w) => programBase(w.value) === 'echo' || programBase(w.value) === 'printf');
  if (program < 0) return;
  for (const word of words.slice(program + 1)) {
    if (word.value.startsWith('-')) continue;
    const colon = word.value.indexOf(':');
    if (colon <= 0) continue;
    let end = word.value.length;
    const escapedBreak = word.value.indexOf('\\n', colon);
    if (escapedBreak >= 0) end = escapedBreak;
    const literal = { value: word.value.slice(colon + 1, end), start: word.start + colon + 1, end: word.start + end, quoted: false };
    if (literalPassword(literal)) add(literal.start, literal.end, 'cli-password');
  }
}
