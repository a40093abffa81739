import { describe, it } from 'node:test';
import { assert } from '../helpers';
import { getSetting, nestedSetting, parseCompose, scalarText, settingLayers } from '../../server/src/compose/model';
import { environmentEntries, portEntries, serviceImage, volumeEntries } from '../../server/src/compose/values';
import { detectKind } from '../../server/src/engine/detect';

const FILE = [
  'x-base: &base',
  '  restart: always',
  '  cap_drop: [ALL]',
  'x-env: &env',
  '  A: "1"',
  'x-more: &more',
  '  restart: "no"',
  '  read_only: true',
  'services:',
  '  web:',
  '    <<: [*base, *more]',
  '    image: ${IMAGE:-nginx:1.27}',
  '    environment:',
  '      <<: *env',
  '      B: two',
  '    ports:',
  '      - "8080:80"',
  '      - target: 443',
  '        published: 8443',
  '        host_ip: 127.0.0.1',
  '    volumes:',
  '      - ./html:/usr/share/nginx/html:ro',
  '      - data:/data',
  '      - /tmp/cache',
  '      - type: bind',
  '        source: /srv',
  '        target: /srv',
  '  child:',
  '    extends: web',
  '    cap_drop: [NET_RAW]',
  '    environment: [C=3, A=override]',
  '  remote:',
  '    extends: { file: base.yml, service: web }',
  '  x-ignored:',
  '    image: nothing',
  '  built:',
  '    build: .',
  '    image: app',
  'volumes:',
  '  data:',
  '',
].join('\n');

describe('compose model', () => {
  const model = parseCompose(FILE, 'compose.yaml');
  const service = (name: string) => {
    const found = model.services.find((s) => s.name === name);
    assert.ok(found, name);
    return found;
  };

  it('lists services, skipping x- keys', () => {
    assert.deepEqual(model.services.map((s) => s.name), ['web', 'child', 'remote', 'built']);
  });
  it('merges anchors with <<: [*a, *b] (earlier wins) and keeps where each setting is written', () => {
    const web = service('web');
    const restart = getSetting(web, 'restart');
    assert.equal(scalarText(restart?.value), 'always');
    assert.equal(restart?.origin, 'merge');
    assert.equal(model.source.positionAt(restart!.pair.key ? (restart!.pair.key as { range: number[] }).range[0] : 0).line, 1);
    assert.equal(scalarText(getSetting(web, 'read_only')?.value), 'true');
    assert.equal(getSetting(web, 'image')?.origin, 'own');
  });
  it('inherits through extends, merging sequences and environment', () => {
    const child = service('child');
    assert.equal(child.base?.name, 'web');
    assert.equal(getSetting(child, 'read_only')?.origin, 'extends');
    assert.equal(settingLayers(child, 'cap_drop').length, 2);
    assert.deepEqual(
      environmentEntries(model, child).map((e) => `${e.name}=${e.value}`),
      ['C=3', 'A=override', 'B=two'],
    );
    assert.equal(child.partial, false);
    assert.equal(service('remote').partial, true);
  });
  it('parses environment, ports and volumes in both syntaxes', () => {
    const web = service('web');
    assert.deepEqual(environmentEntries(model, web).map((e) => `${e.form}:${e.name}=${e.value}`), ['map:B=two', 'map:A=1']);
    assert.deepEqual(portEntries(model, web).map((p) => `${p.form} ${p.hostIp}|${p.published}|${p.target}`), ['short |8080|80', 'long 127.0.0.1|8443|443']);
    assert.deepEqual(volumeEntries(model, web).map((v) => `${v.type} ${v.source}->${v.target}${v.readOnly ? ' ro' : ''}`), ['bind ./html->/usr/share/nginx/html ro', 'volume data->/data', 'volume ->/tmp/cache', 'bind /srv->/srv']);
  });
  it('resolves image defaults, and built services have no image to check', () => {
    assert.equal(serviceImage(service('web'))?.value, 'nginx:1.27');
    assert.equal(serviceImage(service('web'))?.exact, false);
    assert.equal(serviceImage(service('built')), undefined);
  });
  it('reads nested settings through anchors', () => {
    const nested = parseCompose('x-d: &d\n  resources:\n    limits: {memory: 1G}\nservices:\n  a:\n    image: x:1\n    deploy: *d\n');
    assert.equal(scalarText(nestedSetting(nested.services[0], 'deploy', 'resources', 'limits', 'memory')?.value), '1G');
  });
  it('never throws on odd input', () => {
    for (const text of ['', 'services:', 'services: []', 'services:\n  a: 1\n  b: [x]\n  c:\n', '- a\n- b', 'services:\n  a: &a\n    <<: *a\n    image: x', ': : :', 'services:\n  a:\n    extends: a\n    image: x', 'services: {a: {image: *missing}}', '\t\tbad: [', 'services:\n  a:\n    ports: [{}, null, [1]]\n    volumes: [{}, null, 3]\n    environment: 5\n    image: {x: 1}']) {
      const parsed = parseCompose(text);
      for (const s of parsed.services) {
        environmentEntries(parsed, s);
        portEntries(parsed, s);
        volumeEntries(parsed, s);
        serviceImage(s);
      }
    }
  });
  it('detects Compose files by name and by content', () => {
    for (const name of ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml', 'compose.override.yaml', 'docker-compose.override.yml', 'compose.prod.yaml', 'docker-compose.dev.yml', 'deploy/compose.yaml']) {
      assert.equal(detectKind(name, ''), 'compose', name);
    }
    assert.equal(detectKind('stack.yml', 'version: "3.8"\nservices:\n  web:\n    image: nginx:1.27\n'), 'compose');
    assert.equal(detectKind('stack.yml', 'services:\n  web:\n    build: .\n'), 'compose');
    assert.equal(detectKind('deploy.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: x\nspec:\n  ports: []\n'), 'kubernetes');
    assert.equal(detectKind('values.yaml', 'services:\n  - name: a\n'), undefined);
  });
});
