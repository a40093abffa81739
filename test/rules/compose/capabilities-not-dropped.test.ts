import { describe, it } from 'node:test';
import { assertFixRoundTrip, expectFindings } from '../../helpers';
import { yaml } from './util';

const ID = 'compose/capabilities-not-dropped';

describe(ID, () => {
  it('reports services without cap_drop ALL at the service key, or at cap_drop', () => {
    expectFindings(ID, 'compose.yaml', yaml('services:', '  ⟦web⟧:', '    image: nginx:1.27', '  db:', '    image: postgres:16', '    ⟦cap_drop⟧:', '      - NET_RAW'));
  });
  it('accepts ALL from the service, an anchor, or an extended service', () => {
    expectFindings(
      ID,
      'compose.yaml',
      yaml(
        'x-hardened: &hardened',
        '  cap_drop: [ALL]',
        'services:',
        '  a:',
        '    image: nginx:1.27',
        '    cap_drop: [all]',
        '  b:',
        '    <<: *hardened',
        '    image: nginx:1.27',
        '  c:',
        '    extends: a',
        '    cap_drop: [NET_RAW]',
        '  d:',
        '    image: nginx:1.27',
        '    cap_drop: ["ALL"]',
      ),
    );
  });
  it('stays silent for fragments: override services without image or build, extends from another file', () => {
    expectFindings(ID, 'docker-compose.override.yml', yaml('services:', '  web:', '    ports:', '      - "127.0.0.1:8080:80"'));
    expectFindings(ID, 'compose.yaml', yaml('services:', '  web:', '    extends:', '      file: common.yml', '      service: web'));
  });
  it('fix adds cap_drop at the service indentation (4 spaces, comments kept)', () => {
    assertFixRoundTrip(
      ID,
      'compose.yaml',
      yaml('services:', '    web:', '        image: nginx:1.27 # pinned', '        # restart policy', '        restart: always'),
      yaml('services:', '    web:', '        image: nginx:1.27 # pinned', '        # restart policy', '        restart: always', '        cap_drop:', '            - ALL'),
    );
  });
  it('fix appends ALL to an existing list', () => {
    assertFixRoundTrip(ID, 'compose.yaml', yaml('services:', '  web:', '    image: nginx:1.27', '    cap_drop: [NET_RAW]'), yaml('services:', '  web:', '    image: nginx:1.27', '    cap_drop: [NET_RAW, ALL]'));
  });
  it('fix handles a flow-style service', () => {
    assertFixRoundTrip(ID, 'compose.yaml', yaml('services:', '  web: {image: "nginx:1.27"}'), yaml('services:', '  web: {image: "nginx:1.27", cap_drop: [ALL]}'));
  });
  it('stays silent on Linux-only settings for Windows containers', () => {
    // dockersamples/example-voting-app docker-compose-windows.yml: no Linux capabilities on Windows
    expectFindings(ID, 'compose.yaml', yaml('services:', '  vote:', '    image: dockersamples/votingapp_vote:dotnet-nanoserver-sac2016', '  worker:', '    image: example/worker:1.0', '    isolation: hyperv', '  ⟦web⟧:', '    image: nginx:1.27'));
  });
  it('a child that resets cap_drop no longer inherits the base\'s ALL', () => {
    expectFindings(
      ID,
      'compose.yaml',
      yaml('services:', '  base:', '    image: nginx:1.27', '    cap_drop: [ALL]', '  child:', '    extends: base', '    ⟦cap_drop⟧: !reset []', '  other:', '    extends: base'),
    );
  });
  it('counts ALL written as a variable default', () => {
    expectFindings(ID, 'compose.yaml', yaml('services:', '  a:', '    image: nginx:1.27', '    cap_drop: ["${DROP:-ALL}"]', '  b:', '    image: nginx:1.27', '    ⟦cap_drop⟧: ["${DROP}"]'));
  });
});
