import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeCredential, findCredentials, isPlaceholderValue, isSecretName, nameTokens } from '../../server/src/engine/secrets';

/** Credentials found in a text, as [kind, matched text]. */
function found(text: string): Array<[string, string]> {
  return findCredentials(text).map((m) => [m.kind, text.slice(m.start, m.end)]);
}

// Test tokens are assembled at run time so the repository itself holds no token-shaped strings.
const GITHUB = 'ghp_' + 'R8kq2Lm9TzXv4Bn7Wc1Pd5Hj3Fs6Ga0Yu2Ei';
const AWS_ID = 'AKIA' + 'Z7VRSQ5TIKMMQ3XP';
const AWS_SECRET = 'kq9T' + 'zL2vXm8Nw4Rb7Pc1Hd5Jf3Gs6Ya0Ue2Io9K/';

describe('secrets: nameTokens', () => {
  it('splits snake, kebab, dotted, camel and Pascal case', () => {
    assert.deepEqual(nameTokens('MYSQL_ROOT_PASSWORD'), ['mysql', 'root', 'password']);
    assert.deepEqual(nameTokens('spring.datasource.password'), ['spring', 'datasource', 'password']);
    assert.deepEqual(nameTokens('clientSecret'), ['client', 'secret']);
    assert.deepEqual(nameTokens('APIKey'), ['api', 'key']);
    assert.deepEqual(nameTokens('OAUTH2_TOKEN'), ['oauth', 'token']);
    assert.deepEqual(nameTokens('x-api-key'), ['x', 'api', 'key']);
  });
});

describe('secrets: isSecretName', () => {
  it('recognises secret names', () => {
    for (const name of [
      'PASSWORD', 'DB_PASSWORD', 'MYSQL_ROOT_PASSWORD', 'dbPassword', 'DB_PASS', 'DB_PWD', 'PGPASSWORD', 'REDIS_PASSWD', 'GPG_PASSPHRASE',
      'SECRET', 'SECRET_KEY', 'SECRET_KEY_BASE', 'DJANGO_SECRET_KEY', 'CLIENT_SECRET', 'clientSecret', 'NEXTAUTH_SECRET',
      'TOKEN', 'GITHUB_TOKEN', 'NPM_TOKEN', 'AUTH_TOKEN', 'AWS_SESSION_TOKEN', 'accessToken', 'PUBLIC_TOKEN',
      'API_KEY', 'APIKEY', 'OPENAI_API_KEY', 'x-api-key', 'apiKey', 'PRIVATE_KEY', 'GPG_PRIVATE_KEY', 'AWS_SECRET_ACCESS_KEY', 'MINIO_ACCESS_KEY',
      'APP_KEY', 'TLS_KEY', 'tls.key', 'ENCRYPTION_KEY', 'SESSION_KEY', 'JWT_SIGNING_KEY', 'CREDENTIALS', 'GIT_CREDENTIALS', 'AWS_CREDS',
      'NPM_AUTH', 'REGISTRY_AUTH', 'NPM_CONFIG__AUTH', 'spring.datasource.password', 'KEYSTORE_PASSWORD', 'GITHUB_TOKEN_READONLY', 'DB_ENC_KEY', 'COOKIE_KEY',
    ]) {
      assert.equal(isSecretName(name), true, name);
    }
  });
  it('does not flag names about secrets, nor look-alikes', () => {
    for (const name of [
      'GPG_KEY', 'GPG_KEYS', 'PYTHON_GPG_KEY', 'NGINX_GPGKEY', 'RABBITMQ_PGP_KEY_ID', 'OPENSSL_PGP_KEY_IDS', 'SSH_PUBLIC_KEY', 'PUBLIC_KEY',
      'AWS_ACCESS_KEY_ID', 'API_KEY_ID', 'PRIVATE_KEY_FILE', 'POSTGRES_PASSWORD_FILE', 'MYSQL_ROOT_PASSWORD_FILE', 'SECRETS_PATH', 'SECRETS_DIR',
      'TOKEN_VERSION', 'SECRET_SHA256', 'PASSWORD_CHECKSUM', 'PASSWORD_HASH', 'TOKEN_URL', 'AUTH_URL', 'TOKEN_HOST', 'SECRET_PORT', 'DB_PASSWORD_USER',
      'TOKEN_EXPIRY', 'TOKEN_TTL', 'TOKEN_TIMEOUT', 'TOKEN_LENGTH', 'PASSWORD_MIN_LENGTH', 'DB_SECRET_NAME', 'DB_SECRET_REF', 'KEY', 'KEYRING',
      'MYSQL_ALLOW_EMPTY_PASSWORD', 'MYSQL_RANDOM_ROOT_PASSWORD', 'POSTGRES_HOST_AUTH_METHOD', 'MAX_TOKENS', 'MAX_NEW_TOKENS', 'TOKENIZERS_PARALLELISM',
      'PWD', 'OLDPWD', 'SSH_AUTH_SOCK', 'AUTH', 'AUTH_TYPE', 'DISABLE_AUTH', 'PASS_MAX_DAYS', 'PASSWORD_AUTHENTICATION', 'GOOGLE_APPLICATION_CREDENTIALS',
      'existingSecret', 'existingSecretPasswordKey', 'passwordKey', 'secretKeyRef', 'secretName', 'tokenSecretRef',
      'DATABASE_URL', 'NODE_VERSION', 'CACHE_KEY', 'SORT_KEY', 'PRIMARY_KEY', 'BYPASS', 'PASSTHROUGH', 'PATH', '', 'TOKEN_ISSUER',
    ]) {
      assert.equal(isSecretName(name), false, name);
    }
  });
  it('handles very long names quickly', () => {
    const started = Date.now();
    assert.equal(isSecretName('A'.repeat(100_000)), false);
    assert.equal(isSecretName('aB'.repeat(100)), false);
    assert.ok(Date.now() - started < 1000);
  });
});

describe('secrets: isPlaceholderValue', () => {
  it('treats references, templates and obvious placeholders as placeholders', () => {
    for (const value of [
      '', '  ', '""', "''", '$DB_PASSWORD', '${DB_PASSWORD}', '"${TOKEN}"', '${TOKEN:?required}', '$(cat /run/secrets/db)', '{{ .Values.password }}',
      '{{password}}', '<%= ENV["X"] %>', '%PASSWORD%', '<password>', '<your-token>', '[token]', 'xxx', 'XXXXXXXX', '***', '********', '...',
      'REPLACE_ME', 'replace-me', 'your-token-here', 'your_api_key', 'YOUR_API_KEY', 'put-your-key-here', 'null', 'none', 'true', 'false',
      '/run/secrets/db_password', 'op://vault/item/password', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db', 'vault:secret/data/db#password',
      '${DB_PASSWORD:-${OTHER}}', 'placeholder', 'TODO', '/etc/ssl/private/tls.key', '~/.ssh/id_rsa', './secrets/token.txt', '/run/secrets/', 'PASSWORD', 'YOUR_API_KEY',
    ]) {
      assert.equal(isPlaceholderValue(value), true, value);
    }
  });
  it('treats literals, including default passwords, as real values', () => {
    for (const value of ['changeme', 'admin', 'password', 'postgres', 's3cr3t!', 'hunter2', '"hunter2"', '${DB_PASSWORD:-changeme}', 'abc123', 'yourself', GITHUB, '/K7MDENG+bPxRfiCY', 'Password']) {
      assert.equal(isPlaceholderValue(value), false, value);
    }
  });
});

describe('secrets: linear value checks', () => {
  it('isPlaceholderValue and isSecretName are fast on adversarial values', () => {
    for (const value of ['x'.repeat(100_000) + 'y', '${A:-' + '-'.repeat(100_000), ' here'.repeat(20_000) + 'x', '#{'.repeat(50_000), '<' + 'a'.repeat(100_000), '/etc/' + 'a/'.repeat(50_000) + '!']) {
      const started = Date.now();
      isPlaceholderValue(value);
      isSecretName(value);
      assert.ok(Date.now() - started < 1000, value.slice(0, 10));
    }
  });
});

describe('secrets: findCredentials', () => {
  it('finds PEM private key blocks as a whole', () => {
    const body = 'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\nVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK\n';
    const text = `RUN echo "-----BEGIN RSA PRIVATE KEY-----\n${body}-----END RSA PRIVATE KEY-----" > /root/.ssh/id_rsa\n`;
    const matches = found(text);
    assert.equal(matches.length, 1);
    assert.equal(matches[0][0], 'private-key');
    assert.ok(matches[0][1].startsWith('-----BEGIN RSA PRIVATE KEY-----') && matches[0][1].endsWith('-----END RSA PRIVATE KEY-----'));
    // JSON-escaped and OpenSSH keys too.
    assert.equal(found(`{"key": "-----BEGIN OPENSSH PRIVATE KEY-----\\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\\n-----END OPENSSH PRIVATE KEY-----"}`)[0][0], 'private-key');
  });
  it('finds base64-encoded private keys (Kubernetes tls.key)', () => {
    const pem = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n-----END RSA PRIVATE KEY-----\n';
    const encoded = Buffer.from(pem).toString('base64');
    assert.deepEqual(found(`  tls.key: ${encoded}\n  tls.crt: ${Buffer.from('-----BEGIN CERTIFICATE-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n').toString('base64')}\n`), [['private-key', encoded]]);
  });
  it('ignores key markers without key material', () => {
    assert.deepEqual(found('RUN grep -q "BEGIN RSA PRIVATE KEY" key.pem\n'), []);
    assert.deepEqual(found('-----BEGIN PRIVATE KEY-----\n${PRIVATE_KEY}\n-----END PRIVATE KEY-----\n'), []);
    assert.deepEqual(found('-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo\n-----END PUBLIC KEY-----\n'), []);
  });
  it('finds vendor tokens', () => {
    assert.deepEqual(found(`ENV AWS_ACCESS_KEY_ID=${AWS_ID}`), [['aws-access-key-id', AWS_ID]]);
    assert.deepEqual(found(`aws_secret_access_key = ${AWS_SECRET}\n`), [['aws-secret-access-key', AWS_SECRET]]);
    assert.deepEqual(found(`ENV AWS_SECRET_ACCESS_KEY ${AWS_SECRET}`), [['aws-secret-access-key', AWS_SECRET]]);
    assert.deepEqual(found(`git clone https://${GITHUB}@github.com/org/repo`), [['github-token', GITHUB]]);
    const pat = 'github_pat_' + '11ABCDEFG0aBcDeFgHiJkL_mNoPqRsTuVwXyZ0123456789aBcDeFgHiJkLmNoPqRsTuVwXyZ01234';
    assert.deepEqual(found(`token: ${pat}`), [['github-token', pat]]);
    const gitlab = 'glpat-' + 'Xk3mP9qR2sT5vW8yZ1bC';
    assert.deepEqual(found(`GITLAB=${gitlab}`), [['gitlab-token', gitlab]]);
    const slack = 'xoxb-' + '2948173650-4729184650183-Rk8sPq2LmZx9TvWc3Bn7Yd1F';
    assert.deepEqual(found(slack), [['slack-token', slack]]);
    const webhook = 'https://hooks.slack.com/services/' + 'T0A1B2C3D/B4E5F6G7H/Rk8sPq2LmZx9TvWc3Bn7Yd1F';
    assert.deepEqual(found(`curl -X POST ${webhook}`), [['slack-webhook', webhook]]);
    const stripe = 'sk_live_' + '51HxQ2kLmN8pR4sT6vW9yZ1bC3dF5gH7j';
    assert.deepEqual(found(`STRIPE=${stripe}`), [['stripe-key', stripe]]);
    const google = 'AIza' + 'SyB3kL9mN2pQ5rS8tV1wX4yZ7aC0dE6fG_h';
    assert.deepEqual(found(`key=${google}&q=1`), [['google-api-key', google]]);
  });
  it('skips documentation examples and fake tokens', () => {
    assert.deepEqual(found('AKIAIOSFODNN7EXAMPLE'), []);
    assert.deepEqual(found('aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'), []);
    assert.deepEqual(found('GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'), []);
    assert.deepEqual(found('sk_test_51HxQ2kLmN8pR4sT6vW9yZ1bC3dF5gH7j'), []);
    // Inside a longer word: not a token.
    assert.deepEqual(found(`X${AWS_ID}`), []);
  });
  it('finds literal passwords in URLs, and only literal ones', () => {
    assert.deepEqual(found('DATABASE_URL=postgres://app:s3cr3t@db:5432/app'), [['url-password', 's3cr3t']]);
    assert.deepEqual(found('redis://:hunter2@redis:6379/0'), [['url-password', 'hunter2']]);
    assert.deepEqual(found('mongodb+srv://admin:P4ss@cluster0.example.net/db'), [['url-password', 'P4ss']]);
    for (const text of [
      'postgres://app:${DB_PASSWORD}@db/app', 'postgres://app:$DB_PASSWORD@db/app', 'https://user:@host/', 'https://${USER}:${TOKEN}@example.com/',
      'https://oauth2:{{ .Values.token }}@gitlab.com/x.git', 'ssh://git@github.com:22/org/repo.git', 'git@github.com:org/repo.git', 'http://localhost:8080/path',
      'https://user:<password>@host/', 'http://[::1]:8080/', 'https://example.com/a@b', 'jdbc:postgresql://db:5432/app',
    ]) {
      assert.deepEqual(found(text), [], text);
    }
  });
  it('finds passwords on command lines', () => {
    assert.deepEqual(found('RUN mysql -uroot -pS3cret! -e "select 1"'), [['cli-password', 'S3cret!']]);
    assert.deepEqual(found('RUN mysql -uroot -p"S3cret" db'), [['cli-password', 'S3cret']]);
    assert.deepEqual(found('RUN mysqladmin --user=root --password=S3cret ping'), [['cli-password', 'S3cret']]);
    assert.deepEqual(found('RUN docker login -u ci -p hunter22 registry.example.com'), [['cli-password', 'hunter22']]);
    assert.deepEqual(found('RUN docker login --username ci --password hunter22 registry.example.com'), [['cli-password', 'hunter22']]);
    assert.deepEqual(found('RUN curl -fsSL -u admin:admin123 https://nexus/repo'), [['cli-password', 'admin123']]);
    assert.deepEqual(found('RUN sshpass -p hunter22 scp a b:'), [['cli-password', 'hunter22']]);
    assert.deepEqual(found('RUN openssl rsa -in k.pem -passin pass:hunter22 -out k'), [['cli-password', 'hunter22']]);
    assert.deepEqual(found("RUN echo 'root:toor' | chpasswd"), [['cli-password', 'toor']]);
    assert.deepEqual(found('RUN wget --http-password="hunter22" https://x/y'), [['cli-password', 'hunter22']]);
    assert.deepEqual(found('args: ["--db-password", "hunter22"]'), [['cli-password', 'hunter22']]);
    assert.deepEqual(found('RUN some-tool \\\n    --admin-password hunter22'), [['cli-password', 'hunter22']]);
  });
  it('does not report password options without a literal', () => {
    for (const text of [
      'RUN echo "$PW" | docker login --password-stdin -u ci registry', 'RUN docker login -u ci -p "$TOKEN" registry', 'RUN mysql -u root -p',
      'RUN mysql --password mydb', 'RUN mysql -p$MYSQL_PASSWORD', 'RUN mysql -p"${MYSQL_PASSWORD}" -e "x"', 'RUN --mount=type=secret,id=pw tool --password "$(cat /run/secrets/pw)"',
      'RUN docker run -p 8080:80 nginx', 'RUN mkdir -p /app && cp -p a b', 'RUN tool --password-file /run/secrets/pw', 'RUN ssh -p 2222 host',
      'RUN curl -u "$USER:$PASS" https://x', 'RUN curl -u admin: https://x', '# use --password to set it', 'RUN echo "usage: --password <pw>"',
      'RUN tool --password "" --other', 'RUN tool --password --verbose', 'RUN echo "root:${ROOT_PASSWORD}" | chpasswd', 'RUN useradd -p "$HASH" app',
    ]) {
      assert.deepEqual(found(text), [], text);
    }
  });
  it('finds npm auth tokens and connection string passwords', () => {
    assert.deepEqual(found('RUN echo "//registry.npmjs.org/:_authToken=npmA1b2C3d4E5f6G7h8" > .npmrc'), [['npmrc-auth', 'npmA1b2C3d4E5f6G7h8']]);
    assert.deepEqual(found('RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc'), []);
    assert.deepEqual(found('ENV ConnectionStrings__Db="Server=db;Database=app;User Id=sa;Password=Str0ng!Pass;"'), [['connection-string-password', 'Str0ng!Pass']]);
    assert.deepEqual(found('ENV ConnectionStrings__Db="Server=db;Database=app;User Id=sa;Password=${SA_PASSWORD};"'), []);
  });
  it('returns sorted matches without nested duplicates', () => {
    const text = `A=${AWS_ID}\nB=https://x-access-token:${GITHUB}@github.com/o/r\n`;
    assert.deepEqual(found(text), [['aws-access-key-id', AWS_ID], ['github-token', GITHUB]]);
  });
  it('describes kinds', () => {
    assert.equal(describeCredential('github-token'), 'a GitHub token');
    assert.equal(describeCredential('unknown'), 'a credential');
  });
  it('is linear on adversarial input', () => {
    const inputs = [
      'a'.repeat(100_000),
      '://'.repeat(33_000),
      'x://a:b'.repeat(15_000),
      '-----BEGIN PRIVATE KEY-----'.repeat(4000),
      'mysql -p'.repeat(12_000),
      '--password '.repeat(9000),
      'AKIA'.repeat(25_000),
      'sk-'.repeat(33_000) + 'T3BlbkFJ',
      'aws_secret_key '.repeat(6000) + ' '.repeat(10_000),
      ';password='.repeat(10_000),
      'xoxb-'.repeat(20_000),
      '"'.repeat(100_000),
      'a:b@'.repeat(25_000),
      'https://u:' + 'p'.repeat(100_000),
      'curl -u a:b '.repeat(8000),
      ('ghp_' + 'a'.repeat(300) + '\n').repeat(300),
      '${'.repeat(50_000),
      'LS0tLS1CRUdJTi'.repeat(7000),
      'LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQo' + 'A'.repeat(100_000),
    ];
    for (const input of inputs) {
      const started = Date.now();
      findCredentials(input);
      const elapsed = Date.now() - started;
      // Generous bound (tests run in parallel): a quadratic scan of 100k characters takes minutes.
      assert.ok(elapsed < 2000, `${input.slice(0, 20)}… took ${elapsed} ms`);
    }
  });
});
