import { dockerfileRule } from '../../dockerfile/rule';
import { installedPackages, packageInvocations, packageName, pinExample, pinState, siteWordRange, type PackageInvocation } from '../../dockerfile/packages';
import { checklistReference, CIS_DOCKER, NIST_800_190 } from '../../engine/references';

export default dockerfileRule({
  id: 'dockerfile/unpinned-packages',
  title: 'Package installed without a version',
  defaultSeverity: 'hint',
  fix: '-',
  checklist: ['D1.2'],
  anchors: { hadolint: ['DL3008', 'DL3018', 'DL3033', 'DL3041', 'DL3037', 'DL3013', 'DL3016', 'DL3028', 'DL3062'] },
  docs: {
    why:
      'Without a version, each build installs whatever is newest that day: two builds of the same commit can differ, a bad release (or a hijacked package) arrives unnoticed, and a scan of yesterday\'s image says nothing about today\'s. Pinned versions make builds reproducible and updates deliberate and reviewable.',
    how:
      'Pin each package in the manager\'s syntax — apt `pkg=1.2-3`, apk `pkg=1.2.3-r0` (or `pkg~1.2`), yum/dnf `pkg-1.2.3`, pip `pkg==1.2.3` (or a constraints/requirements file with hashes), npm `pkg@1.2.3` (or `npm ci` with a lockfile), gem `-v 1.2.3`, `go install pkg@v1.2.3` — and let a bot such as Renovate or Dependabot propose updates. Rebuild regularly so the pins move forward with security fixes.',
    bad: 'RUN apt-get install -y curl && pip install flask && npm install -g pnpm',
    good: 'RUN apt-get install -y curl=7.88.1-10+deb12u5 \\\n && pip install flask==3.0.3 \\\n && npm install -g pnpm@9.1.0',
    references: [
      checklistReference('D1.2'),
      CIS_DOCKER('4.4', 'Ensure images are scanned and rebuilt to include security patches'),
      NIST_800_190('4.1.1', 'Image vulnerabilities'),
    ],
  },
  check(model, ctx) {
    for (const invocation of packageInvocations(model)) {
      if (invocation.action !== 'install') continue;
      // pip with a constraints file: the versions come from it.
      if (invocation.family === 'pip' && invocation.options.some((option) => option.name === '-c' || option.name === '--constraint')) continue;
      for (const word of installedPackages(invocation)) {
        if (pinState(invocation, word) !== 'unpinned') continue;
        const name = packageName(invocation, word) || word.value;
        ctx.report({
          range: siteWordRange(model, invocation.site, word),
          message: `\`${word.value}\` is installed without a version: pin it (\`${pinExample(invocation, name)}\`) so builds are reproducible.`,
          anchors: pinAnchors(invocation),
        });
      }
    }
  },
});

/** hadolint's check for each manager (its ignore comments silence only that manager's findings); none for managers it does not read. */
const PIN_CHECKS = new Map<string, string>([
  ['apt-get', 'DL3008'],
  ['apt', 'DL3008'],
  ['apk', 'DL3018'],
  ['yum', 'DL3033'],
  ['dnf', 'DL3041'],
  ['microdnf', 'DL3041'],
  ['zypper', 'DL3037'],
  ['pip', 'DL3013'],
  ['npm', 'DL3016'],
  ['gem', 'DL3028'],
  ['go', 'DL3062'],
]);

function pinAnchors(invocation: PackageInvocation): string[] {
  const check = PIN_CHECKS.get(invocation.manager);
  return check ? [check] : [];
}
