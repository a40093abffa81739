import { describe, it } from 'node:test';
import { assertFixRoundTrip, expectFindings } from '../../helpers';

const RULE = 'dockerfile/world-writable';

describe(RULE, () => {
  it('reports numeric and symbolic modes that let others write, at the mode', () => {
    expectFindings(
      RULE,
      'Dockerfile',
      [
        'FROM debian:12 AS build',
        'RUN chmod ⟦777⟧ /app && chmod -R ⟦0777⟧ /data && chmod ⟦666⟧ /etc/app.conf',
        'FROM debian:12',
        'RUN chmod ⟦a+w⟧ /x && chmod -R ⟦o+w⟧ /y && chmod ⟦a+rwx⟧ /z && chmod ⟦u+x,o=rwx⟧ /w',
        'RUN mkdir -p -m ⟦777⟧ /cache && install -d -m⟦0777⟧ /run/app && mkdir --mode=⟦777⟧ /q',
        'COPY --chmod=⟦777⟧ run.sh /run.sh',
        'ONBUILD RUN chmod ⟦777⟧ /onbuild',
        '',
      ].join('\n'),
    );
  });
  it('stays silent for safe modes, sticky directories and variables', () => {
    expectFindings(
      RULE,
      'Dockerfile',
      [
        'FROM debian:12',
        'RUN chmod 755 /app && chmod 1777 /tmp && chmod a+rwxt /scratch && chmod +x run.sh && chmod g+w /data',
        'RUN chmod 775 /shared && chmod u+w,go-w /conf && chmod -w /ro && chmod "$MODE" /x && chmod --reference=/a /b',
        'RUN mkdir -m 700 /secret && echo chmod 777',
        'COPY --chmod=755 run.sh /run.sh',
        '',
      ].join('\n'),
    );
  });
  it('fix replaces 777 with 755 and keeps other digits', () => {
    assertFixRoundTrip(RULE, 'Dockerfile', 'FROM debian:12\nRUN chmod -R 777 /app\n', 'FROM debian:12\nRUN chmod -R 755 /app\n');
    assertFixRoundTrip(RULE, 'Dockerfile', 'FROM debian:12\nRUN chmod 2777 /shared\n', 'FROM debian:12\nRUN chmod 2755 /shared\n');
    assertFixRoundTrip(RULE, 'Dockerfile', 'FROM debian:12\nRUN install -d -m0666 /x\n', 'FROM debian:12\nRUN install -d -m0644 /x\n');
    assertFixRoundTrip(RULE, 'Dockerfile', 'FROM debian:12\nCOPY --chmod=777 a /a\n', 'FROM debian:12\nCOPY --chmod=755 a /a\n');
  });
  it('offers (not mechanical) fixes for symbolic modes', () => {
    assertFixRoundTrip(RULE, 'Dockerfile', 'FROM debian:12\nRUN chmod a+rwx /z\n', 'FROM debian:12\nRUN chmod a+rx /z\n', { title: /^Use `a\+rx`/ });
    assertFixRoundTrip(RULE, 'Dockerfile', 'FROM debian:12\nRUN mkdir /x && chmod o+w /x\n', 'FROM debian:12\nRUN mkdir /x\n', { title: 'Remove the `chmod` command' });
  });
});

describe(`${RULE}: temporary paths`, () => {
  it('stays silent for a temporary directory deleted by the same RUN', () => {
    expectFindings(RULE, 'Dockerfile', 'FROM debian:12\nRUN tempDir="$(mktemp -d)" && chmod 777 "$tempDir" && make -C "$tempDir" && rm -rf "$tempDir"\nRUN chmod ⟦777⟧ /kept && rm -rf /other\n');
  });
});
