import { describe, it } from 'node:test';
import { assertFixRoundTrip, expectFindings } from '../../helpers';
import { yaml } from './util';

const ID = 'compose/read-only-filesystem';

describe(ID, () => {
  it('reports a missing read_only at the service key and read_only: false at the value', () => {
    expectFindings(ID, 'compose.yaml', yaml('services:', '  ⟦web⟧:', '    image: nginx:1.27', '  app:', '    image: node:22-alpine', '    read_only: ⟦false⟧'));
  });
  it('accepts true in the service, an anchor or a base service', () => {
    expectFindings(ID, 'compose.yaml', yaml('x-ro: &ro', '  read_only: true', 'services:', '  a:', '    <<: *ro', '    image: nginx:1.27', '  b:', '    image: nginx:1.27', '    read_only: "true"', '  c:', '    extends: { service: b }'));
  });
  it('stays silent for fragments of an override file', () => {
    expectFindings(ID, 'docker-compose.prod.yml', yaml('services:', '  web:', '    restart: always'));
  });
  it('fix adds read_only: true, keeping the trailing comment of the last line', () => {
    assertFixRoundTrip(ID, 'compose.yaml', yaml('services:', '  web:', '    image: nginx:1.27', '    restart: always # keep'), yaml('services:', '  web:', '    image: nginx:1.27', '    restart: always # keep', '    read_only: true'));
  });
  it('fix sets false to true', () => {
    assertFixRoundTrip(ID, 'compose.yaml', yaml('services:', '  web:', '    image: nginx:1.27', '    read_only: false'), yaml('services:', '  web:', '    image: nginx:1.27', '    read_only: true'));
  });
  it('fix keeps CRLF line breaks', () => {
    assertFixRoundTrip(ID, 'compose.yaml', 'services:\r\n  web:\r\n    image: nginx:1.27\r\n  db:\r\n    image: postgres:16\r\n    read_only: true\r\n', 'services:\r\n  web:\r\n    image: nginx:1.27\r\n    read_only: true\r\n  db:\r\n    image: postgres:16\r\n    read_only: true\r\n');
  });
  it('understands Compose merge tags (!override, !reset)', () => {
    expectFindings(ID, 'compose.override.yaml', yaml('services:', '  web:', '    image: nginx:1.27', '    read_only: !override true', '  db:', '    image: postgres:16', '    read_only: !reset ⟦false⟧'));
  });
  it('fix works on a last line without a newline', () => {
    assertFixRoundTrip(ID, 'compose.yaml', 'services:\n  web:\n    image: nginx:1.27', 'services:\n  web:\n    image: nginx:1.27\n    read_only: true');
  });
  it('stays silent on Linux-only settings for Windows containers', () => {
    // dockersamples/example-voting-app docker-compose-windows.yml: Windows containers have no read-only root
    expectFindings(ID, 'compose.yaml', yaml('services:', '  vote:', '    image: dockersamples/votingapp_vote:dotnet-nanoserver-sac2016', '  db:', '    image: mcr.microsoft.com/windows/servercore:ltsc2022', '  iis:', '    image: example/iis:1.0', '    platform: windows/amd64', '  ⟦linux⟧:', '    image: nginx:1.27', '    isolation: default', '  ⟦web⟧:', '    image: nginx:1.27'));
  });
  it('reads variable defaults and leaves variables without one to the environment', () => {
    expectFindings(
      ID,
      'compose.yaml',
      yaml('services:', '  a:', '    image: nginx:1.27', '    read_only: ${READ_ONLY:-true}', '  b:', '    image: nginx:1.27', '    read_only: ${READ_ONLY}', '  c:', '    image: nginx:1.27', '    read_only: ⟦${READ_ONLY:-false}⟧'),
    );
  });
});
