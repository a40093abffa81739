import { describe, it } from 'node:test';
import { assertFixRoundTrip, expectFindings, applyFix, assert } from '../../helpers';
import { yaml } from './util';

const ID = 'compose/secret-in-environment';

describe(ID, () => {
  it('reports literal secrets in map and list form at the value', () => {
    expectFindings(
      ID,
      'compose.yaml',
      yaml(
        'services:',
        '  db:',
        '    image: mysql:8.4',
        '    environment:',
        '      MYSQL_ROOT_PASSWORD: ⟦somewordpress⟧',
        '      MYSQL_DATABASE: wordpress',
        '      MYSQL_USER: wordpress',
        '      MYSQL_PASSWORD: ⟦"wordpress"⟧',
        '  app:',
        '    image: example/app:1.2',
        '    environment:',
        '      - DJANGO_SECRET_KEY=⟦s3cr3t-value⟧',
        '      - "API_TOKEN=⟦abc123⟧"',
        '      - DEBUG=false',
      ),
    );
  });
  it('reports a literal default of a variable', () => {
    expectFindings(ID, 'compose.yaml', yaml('services:', '  db:', '    image: postgres:16', '    environment:', '      POSTGRES_PASSWORD: ⟦${POSTGRES_PASSWORD:-postgres}⟧'));
  });
  it('reports once for an environment anchor merged into services', () => {
    expectFindings(ID, 'compose.yaml', yaml('x-env: &env', '  DB_PASSWORD: ⟦hunter2⟧', 'services:', '  a:', '    image: nginx:1.27', '    environment:', '      <<: *env', '      A: "1"', '  b:', '    image: nginx:1.27', '    environment: *env'));
  });
  it('stays silent for variables, secrets files, empty values, placeholders and non-secret names', () => {
    expectFindings(
      ID,
      'compose.yaml',
      yaml(
        'services:',
        '  db:',
        '    image: postgres:16',
        '    environment:',
        '      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}',
        '      POSTGRES_PASSWORD_FILE: /run/secrets/db_password',
        '      REDIS_PASSWORD: ${REDIS_PASSWORD:?set it}',
        '      SMTP_PASSWORD:',
        '      MAIL_PASSWORD: ""',
        '      API_TOKEN: <your-token>',
        '      ALLOW_EMPTY_PASSWORD: "yes"',
        '      PASSWORD_MIN_LENGTH: 12',
        '      GPG_KEY: 7169605F62C751356D054A26A821E680E5FA6305',
        '      JWT_SECRET_NAME: app-jwt',
        '    secrets:',
        '      - db_password',
        '  app:',
        '    image: example/app:1.2',
        '    environment:',
        '      - SECRET_KEY',
        '      - API_KEY=${API_KEY}',
        '      - TOKEN_EXPIRY=3600',
      ),
    );
  });
  it('fix reads the value from the environment', () => {
    assertFixRoundTrip(
      ID,
      'compose.yaml',
      yaml('services:', '  db:', '    image: postgres:16', '    environment:', '      POSTGRES_PASSWORD: example # change me'),
      yaml('services:', '  db:', '    image: postgres:16', '    environment:', '      POSTGRES_PASSWORD: "${POSTGRES_PASSWORD}" # change me'),
      { title: /environment/ },
    );
    assertFixRoundTrip(ID, 'compose.yaml', yaml('services:', '  app:', '    image: example/app:1.2', '    environment:', '      - SECRET_KEY=abc'), yaml('services:', '  app:', '    image: example/app:1.2', '    environment:', '      - "SECRET_KEY=${SECRET_KEY}"'), { title: /environment/ });
  });
  it('fix moves the value to a Compose secret', () => {
    const before = yaml('services:', '  db:', '    image: postgres:16', '    environment:', '      POSTGRES_PASSWORD: example', '      POSTGRES_DB: app');
    const after = applyFix(ID, 'compose.yaml', before, { title: /Compose secret/ });
    assert.equal(
      after,
      yaml(
        'services:',
        '  db:',
        '    image: postgres:16',
        '    environment:',
        '      POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password',
        '      POSTGRES_DB: app',
        '    secrets:',
        '      - postgres_password',
        'secrets:',
        '  postgres_password:',
        '    file: "./secrets/postgres_password.txt"',
      ),
    );
  });
  it('secret fix extends existing secrets lists', () => {
    const before = yaml('services:', '  db:', '    image: postgres:16', '    environment:', '      - POSTGRES_PASSWORD=example', '    secrets: [other]', 'secrets:', '  other:', '    file: ./other.txt');
    const after = applyFix(ID, 'compose.yaml', before, { title: /Compose secret/ });
    assert.equal(
      after,
      yaml(
        'services:',
        '  db:',
        '    image: postgres:16',
        '    environment:',
        '      - "POSTGRES_PASSWORD_FILE=/run/secrets/postgres_password"',
        '    secrets: [other, postgres_password]',
        'secrets:',
        '  other:',
        '    file: ./other.txt',
        '  postgres_password:',
        '    file: "./secrets/postgres_password.txt"',
      ),
    );
  });
  it('does not take sentinel defaults for secrets (mailcow API_KEY=${API_KEY:-invalid})', () => {
    expectFindings(ID, 'compose.yaml', yaml('services:', '  php:', '    image: mailcow/phpfpm:1.85', '    environment:', '      - API_KEY=${API_KEY:-invalid}', '      - SMTP_PASSWORD=disabled', '      - ADMIN_PASSWORD=⟦${ADMIN_PASSWORD:-changeme}⟧'));
  });
  it('knows compound password names (paperless PAPERLESS_DBPASS, LDAP_BINDPW)', () => {
    expectFindings(ID, 'compose.yaml', yaml('services:', '  web:', '    image: ghcr.io/paperless-ngx/paperless-ngx:2.14', '    environment:', '      PAPERLESS_DBPASS: ⟦paperless⟧ # only needed if non-default password', '      LDAP_BINDPW: ⟦"s3cret-bind"⟧', '      COMPASS_MODE: hunter2', '      DBPASS: ${DBPASS}'));
  });
  it('leaves an escaped reference (`$${DB_PASSWORD}`) to the container', () => {
    expectFindings(ID, 'compose.yaml', yaml('services:', '  db:', '    image: mysql:8.4', '    environment:', '      - DB_PASSWORD=$${DB_PASSWORD}', '      - ROOT_PASSWORD=$$MYSQL_ROOT_PASSWORD', '      - ADMIN_PASSWORD=⟦$$ecret-Pa55⟧'));
  });
});
