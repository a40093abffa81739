import { dockerfileRule } from '../../dockerfile/rule';
import { stageAncestry } from '../../dockerfile/model';
import { commandSites, insertAfterWordEdit, packageInvocations, siteWordRange, writtenTexts, type CommandSite } from '../../dockerfile/packages';
import { checklistReference, CIS_DOCKER, NIST_800_190 } from '../../engine/references';

const OPTION_OFF = /^APT::Install-Recommends\s*=\s*["']?(?:false|0|no|off)["']?$/i;
const CONF_OFF = /APT::Install-Recommends\s*"?(?:false|0|no|off)\b/i;

export default dockerfileRule({
  id: 'dockerfile/apt-no-install-recommends',
  title: 'apt installs recommended packages',
  defaultSeverity: 'info',
  fix: 'M',
  checklist: ['D1.1'],
  anchors: { hadolint: ['DL3015'], trivy: ['DS-0029'] },
  docs: {
    why:
      'By default apt also installs every package the requested ones merely *recommend*: documentation tools, extra daemons, X11 libraries. They enlarge the image and its attack surface, and each one is another package to patch and another source of scanner findings.',
    how: 'Add `--no-install-recommends` to `apt-get install` (or set `APT::Install-Recommends "false";` in `/etc/apt/apt.conf.d/` once, early in the stage), and list the recommended packages you really need explicitly.',
    bad: 'RUN apt-get update && apt-get install -y curl',
    good: 'RUN apt-get update \\\n && apt-get install -y --no-install-recommends ca-certificates curl \\\n && rm -rf /var/lib/apt/lists/*',
    references: [
      checklistReference('D1.1'),
      CIS_DOCKER('4.3', 'Ensure that unnecessary packages are not installed in the container'),
      NIST_800_190('4.1.2', 'Image configuration defects'),
    ],
  },
  check(model, ctx) {
    // `APT::Install-Recommends "false"` written to apt.conf.d applies to later installs of the stage and of stages built on it.
    const configured: CommandSite[] = commandSites(model).filter((site) => writtenTexts(site).some(({ text }) => CONF_OFF.test(text)));
    for (const invocation of packageInvocations(model)) {
      if (invocation.family !== 'apt' || invocation.subcommandName !== 'install' || !invocation.subcommand) continue;
      const site = invocation.site;
      if (invocation.options.some((option) => option.name === '--no-install-recommends' || ((option.name === '-o' || option.name === '--option') && option.value !== undefined && OPTION_OFF.test(option.value)))) continue;
      const chain = stageAncestry(site.stage);
      if (configured.some((config) => config.order < site.order && chain.includes(config.stage))) continue;
      ctx.report({
        range: siteWordRange(model, site, invocation.subcommand),
        message: `\`${invocation.manager} install\` without \`--no-install-recommends\` also installs recommended packages the image does not need.`,
        fixes: [{ title: 'Add `--no-install-recommends`', mechanical: true, edits: [insertAfterWordEdit(model, site, invocation.subcommand, ' --no-install-recommends')] }],
      });
    }
  },
});
