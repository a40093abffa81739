import { dockerfileRule } from '../../dockerfile/rule';
import { stageAncestry } from '../../dockerfile/model';
import { installedPackages, packageInvocations, packageName, siteWordRange, SYSTEM_FAMILIES } from '../../dockerfile/packages';
import { checklistReference, CIS_DOCKER, NIST_800_190 } from '../../engine/references';

/** Packages that install an SSH daemon, per family (`openssh` pulls in the server on Alpine and openSUSE). */
const SERVERS: Record<string, ReadonlySet<string>> = {
  apt: new Set(['openssh-server', 'dropbear', 'dropbear-bin', 'dropbear-run', 'ssh', 'tinysshd']),
  apk: new Set(['openssh', 'openssh-server', 'openssh-server-pam', 'dropbear', 'tinyssh']),
  rpm: new Set(['openssh-server', 'dropbear', 'tinyssh']),
  zypper: new Set(['openssh', 'openssh-server', 'dropbear']),
};

export default dockerfileRule({
  id: 'dockerfile/ssh-server',
  title: 'SSH server installed',
  defaultSeverity: 'warning',
  fix: '-',
  checklist: ['D2.5'],
  anchors: {},
  docs: {
    why:
      'An SSH daemon in a container is a second entry point with its own keys, passwords and patch cycle, usually running as root. It bypasses the platform\'s authentication and audit of `docker exec` / `kubectl exec`, and host keys baked into the image are shared by every container started from it.',
    how: 'Remove the SSH server. Debug with `docker exec`, `kubectl exec` or `kubectl debug`; copy files with `docker cp` / `kubectl cp`; if a tool needs SSH *client* access, install only the client (`openssh-client`, `openssh-clients`).',
    bad: 'RUN apt-get update && apt-get install -y openssh-server',
    good: 'RUN apt-get update && apt-get install -y --no-install-recommends openssh-client',
    references: [
      checklistReference('D2.5'),
      CIS_DOCKER('5.6', 'Ensure sshd is not run within containers'),
      NIST_800_190('4.1.2', 'Image configuration defects'),
    ],
  },
  check(model, ctx) {
    const final = model.finalStage;
    if (!final) return;
    // The final image holds what its own stage and the stages it builds on installed.
    const chain = stageAncestry(final);
    for (const invocation of packageInvocations(model)) {
      if (!SYSTEM_FAMILIES.has(invocation.family) || invocation.action !== 'install' || !chain.includes(invocation.site.stage)) continue;
      const servers = SERVERS[invocation.family];
      for (const word of installedPackages(invocation)) {
        const name = packageName(invocation, word);
        if (!servers?.has(name)) continue;
        ctx.report({
          range: siteWordRange(model, invocation.site, word),
          message: `\`${name}\` installs an SSH server in the image: use \`docker exec\`/\`kubectl exec\` instead.`,
        });
      }
    }
  },
});
