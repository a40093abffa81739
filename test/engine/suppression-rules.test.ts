// The suppression-hygiene rules of every kind (`<kind>/suppression-without-reason`,
// `<kind>/unused-suppression`): exact ranges (the comment), silence on well-kept suppressions, and
// the mechanical removal of an unused one.

import { describe, it } from 'node:test';
import { assertFixRoundTrip, expectFindings } from '../helpers';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n';

describe('suppression hygiene rules', () => {
  it('dockerfile: a suppression without a reason, or with a TODO, is reported on its comment', () => {
    expectFindings('dockerfile/suppression-without-reason', 'Dockerfile', 'FROM debian:12\n⟦# lashing-ignore dockerfile/sudo⟧\nRUN sudo make\n⟦# lashing-ignore dockerfile/expose-ssh -- TODO⟧\nEXPOSE 22\n');
    expectFindings('dockerfile/suppression-without-reason', 'Dockerfile', 'FROM debian:12\n# lashing-ignore dockerfile/sudo -- the vendor installer insists on sudo\nRUN sudo make\n');
  });

  it('dockerfile: a suppression that suppresses nothing, or names an unknown rule, is reported and can be removed', () => {
    expectFindings('dockerfile/unused-suppression', 'Dockerfile', 'FROM debian:12\n⟦# lashing-ignore dockerfile/sudo -- no sudo any more⟧\nRUN make\n⟦# lashing-ignore dockerfile/no-such-rule -- typo⟧\nRUN make install\n');
    expectFindings('dockerfile/unused-suppression', 'Dockerfile', 'FROM debian:12\n# lashing-ignore dockerfile/sudo -- the vendor installer insists on sudo\nRUN sudo make\n');
    assertFixRoundTrip('dockerfile/unused-suppression', 'Dockerfile', 'FROM debian:12\n# lashing-ignore dockerfile/sudo -- no sudo any more\nRUN make\n', 'FROM debian:12\nRUN make\n');
  });

  it('kubernetes: the same on manifests', () => {
    const privileged = POD + '      securityContext:\n';
    expectFindings('kubernetes/suppression-without-reason', 'pod.yaml', privileged + '        ⟦# lashing-ignore kubernetes/privileged⟧\n        privileged: true\n');
    expectFindings('kubernetes/suppression-without-reason', 'pod.yaml', privileged + '        # lashing-ignore kubernetes/privileged -- device plugin needs /dev\n        privileged: true\n');
    expectFindings('kubernetes/unused-suppression', 'pod.yaml', privileged + '        ⟦# lashing-ignore kubernetes/privileged -- no longer privileged⟧\n        runAsNonRoot: true\n');
    expectFindings('kubernetes/unused-suppression', 'pod.yaml', privileged + '        # lashing-ignore kubernetes/privileged -- device plugin needs /dev\n        privileged: true\n');
    assertFixRoundTrip('kubernetes/unused-suppression', 'pod.yaml', privileged + '        # lashing-ignore kubernetes/privileged -- no longer privileged\n        runAsNonRoot: true\n', privileged + '        runAsNonRoot: true\n');
  });
});
