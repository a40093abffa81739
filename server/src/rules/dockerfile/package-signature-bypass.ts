import { dockerfileRule } from '../../dockerfile/rule';
import type { DockerfileModel } from '../../dockerfile/model';
import {
  commandSites,
  packageInvocation,
  parseArgs,
  removeOptionEdit,
  removeWordsEdit,
  siteWordRange,
  substringRange,
  writtenTexts,
  type CommandSite,
  type ParsedOption,
} from '../../dockerfile/packages';
import { checklistReference, CIS_DOCKER, NIST_800_190 } from '../../engine/references';
import type { Range, TextEdit } from '../../engine/types';

const GPGCHECK_SETTING = /^(?:[^=]*\.)?(?:gpgcheck|localpkg_gpgcheck)=(?:0|false|no|off)$/i;
const GPGCHECK_WRITTEN = /\b(?:localpkg_)?gpgcheck\s*=\s*(?:0|false|no|off)\b/i;
const APT_OPTION = /^(?:APT::Get::AllowUnauthenticated|Acquire::AllowInsecureRepositories|Acquire::AllowDowngradeToInsecureRepositories)\s*=\s*["']?(?:true|1|yes)["']?$/i;
const APT_CONF_WRITTEN = /(?:APT::Get::AllowUnauthenticated|Acquire::AllowInsecureRepositories|Acquire::AllowDowngradeToInsecureRepositories)\s*"?(?:true|1|yes)\b/i;
// The lookahead checks once that the `[…]` block closes; excluding `[` keeps blocks disjoint (linear:
// the former `\[[^\]\n]*…[^\]\n]*\]` rescanned the rest of the line from every `[`).
const APT_SOURCE_TRUSTED = /\[(?=[^[\]\n]*\])[^[\]\n]*\b(?:trusted|allow-insecure|allow-weak)=yes\b/i;
/** `deb [trusted=yes] file:///tmp/repo ./`: a repository built locally in the same build, not fetched over the network. */
const LOCAL_SOURCE = /\]\s*(?:file:|copy:|\/)/i;
const APT_FLAGS = new Set(['--allow-unauthenticated', '--force-yes', '--allow-insecure-repositories', '--allow-downgrade-to-insecure-repositories']);
const RPM_FLAGS = new Set(['--nosignature', '--nodigest', '--noverify', '--nofiledigest']);

interface Hit {
  range: Range;
  message: string;
  edit?: TextEdit;
  title?: string;
}

export default dockerfileRule({
  id: 'dockerfile/package-signature-bypass',
  title: 'Package signature checks disabled',
  defaultSeverity: 'error',
  fix: 'M',
  checklist: ['D1.4'],
  anchors: { checkov: ['CKV2_DOCKER_7', 'CKV2_DOCKER_8', 'CKV2_DOCKER_9', 'CKV2_DOCKER_10', 'CKV2_DOCKER_11'] },
  docs: {
    why:
      'Package managers check every package against the distribution\'s signing keys; that check is what makes a mirror, a cache or a proxy unable to slip in a modified package. With it turned off, whatever the network returns is installed as root into the image.',
    how:
      'Remove the flag or setting. For a third-party repository, import its signing key (`/etc/apt/keyrings/…` with `signed-by=`, `rpm --import`, `/etc/apk/keys/`) and keep `gpgcheck=1`; for a local package you built, sign it or install it from a repository you control.',
    bad: 'RUN apt-get install -y --allow-unauthenticated tool \\\n && apk add --allow-untrusted /tmp/pkg.apk \\\n && dnf install -y --nogpgcheck agent',
    good: 'RUN curl -fsSLo /etc/apt/keyrings/vendor.asc https://vendor.example/key.asc \\\n && echo "deb [signed-by=/etc/apt/keyrings/vendor.asc] https://vendor.example/apt stable main" > /etc/apt/sources.list.d/vendor.list \\\n && apt-get update && apt-get install -y tool',
    references: [
      checklistReference('D1.4'),
      CIS_DOCKER('4.11', 'Ensure only verified packages are installed'),
      CIS_DOCKER('4.12', 'Ensure all signed artifacts are validated'),
      NIST_800_190('4.1.3', 'Embedded malware'),
    ],
  },
  check(model, ctx) {
    const hits: Hit[] = [];
    for (const site of commandSites(model)) checkSite(model, site, hits);
    const seen = new Set<string>();
    for (const hit of hits) {
      const key = JSON.stringify(hit.range);
      if (seen.has(key)) continue;
      seen.add(key);
      ctx.report({ range: hit.range, message: hit.message, fixes: hit.edit && hit.title ? [{ title: hit.title, mechanical: true, edits: [hit.edit] }] : [] });
    }
  },
});

function optionHit(model: DockerfileModel, site: CommandSite, option: ParsedOption, message: string): Hit {
  return { range: siteWordRange(model, site, option.word), message, edit: removeOptionEdit(model, site, option), title: `Remove \`${option.word.value}\`` };
}

function checkSite(model: DockerfileModel, site: CommandSite, hits: Hit[]): void {
  const invocation = packageInvocation(site);
  if (invocation?.family === 'apk') {
    for (const option of invocation.options) {
      if (option.name === '--allow-untrusted') hits.push(optionHit(model, site, option, '`apk --allow-untrusted` installs packages whose signature is missing or invalid.'));
    }
  } else if (invocation?.family === 'apt') {
    for (const option of invocation.options) {
      if (APT_FLAGS.has(option.name)) {
        hits.push(optionHit(model, site, option, `\`${invocation.manager} ${option.name}\` installs packages from repositories whose signature is missing or invalid.`));
      } else if ((option.name === '-o' || option.name === '--option') && option.value !== undefined && APT_OPTION.test(option.value)) {
        hits.push({
          range: siteWordRange(model, site, option.valueWord ?? option.word),
          message: `\`${option.value}\` makes apt install packages whose signature is missing or invalid.`,
          edit: removeWordsEdit(model, site, option.word, option.valueWord ?? option.word),
          title: 'Remove the `-o` option',
        });
      }
    }
  } else if (invocation?.family === 'zypper') {
    const adding = invocation.subcommandName === 'addrepo' || invocation.subcommandName === 'modifyrepo';
    for (const option of invocation.options) {
      if (option.name === '--no-gpg-checks' || option.name === '--no-gpgcheck' || (adding && option.name === '-G')) {
        hits.push(optionHit(model, site, option, `\`zypper ${option.name}\` installs packages whose signature is missing or invalid.`));
      }
    }
  }

  if (/^(?:yum|dnf|dnf5|dnf-3|microdnf|tdnf|yum-config-manager)$/.test(site.program)) {
    const args = site.args;
    for (let i = 0; i < args.length; i++) {
      const word = args[i];
      if (word.value === '--nogpgcheck' || word.value === '--no-gpgchecks') {
        hits.push({ range: siteWordRange(model, site, word), message: `\`${site.program} ${word.value}\` installs packages without checking their signatures.`, edit: removeWordsEdit(model, site, word), title: `Remove \`${word.value}\`` });
        continue;
      }
      let setting: string | undefined;
      let last = word;
      if (word.value.startsWith('--setopt=')) setting = word.value.slice('--setopt='.length);
      else if (word.value === '--setopt' && args[i + 1]) {
        setting = args[i + 1].value;
        last = args[i + 1];
      }
      if (setting !== undefined && GPGCHECK_SETTING.test(setting)) {
        hits.push({
          range: siteWordRange(model, site, word),
          message: `\`--setopt=${setting}\` makes ${site.program} install packages without checking their signatures.`,
          edit: removeWordsEdit(model, site, word, last),
          title: 'Remove the `--setopt` that turns gpgcheck off',
        });
      }
    }
  }

  if (site.program === 'rpm') {
    const parsed = parseArgs(site.args, { longWithValue: ['--root', '--dbpath', '--define', '--prefix', '--relocate', '--excludepath'] });
    const installing = parsed.options.some((option) => /^-[iUF]$/.test(option.name) || /^--(?:install|upgrade|freshen|reinstall)$/.test(option.name));
    const querying = parsed.options.some((option) => /^-[qeVK]$/.test(option.name) || /^--(?:query|erase|verify|checksig|import)$/.test(option.name));
    if (installing && !querying) {
      for (const option of parsed.options) {
        if (RPM_FLAGS.has(option.name)) hits.push(optionHit(model, site, option, `\`rpm ${option.name}\` installs the package without checking its signature or digest.`));
      }
    }
  }

  // Repository configuration written by the script: `gpgcheck=0`, `[trusted=yes]`, apt.conf settings.
  for (const { word, text } of writtenTexts(site)) {
    if (site.command.programIndex < 0 && !/^(?:localpkg_)?gpgcheck=/i.test(word.value)) continue;
    if (GPGCHECK_WRITTEN.test(text)) {
      hits.push({ range: substringRange(model, site, word, /(?<!repo_)(?:localpkg_)?gpgcheck\s*=\s*(?:0|false|no|off)\b/i), message: '`gpgcheck=0` in a repository configuration installs its packages without checking their signatures.' });
    } else if (APT_SOURCE_TRUSTED.test(text) && !LOCAL_SOURCE.test(text)) {
      hits.push({ range: substringRange(model, site, word, /\b(?:trusted|allow-insecure|allow-weak)=yes\b/i), message: '`[trusted=yes]` makes apt install packages from this repository without checking their signatures.' });
    } else if (APT_CONF_WRITTEN.test(text)) {
      hits.push({ range: substringRange(model, site, word, /(?:APT::Get::AllowUnauthenticated|Acquire::AllowInsecureRepositories|Acquire::AllowDowngradeToInsecureRepositories)/i), message: 'This apt setting installs packages whose signature is missing or invalid.' });
    }
  }
}
