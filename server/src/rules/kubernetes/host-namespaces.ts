import { kubernetesRule } from '../../kubernetes/rule';
import { checklistReference, NIST_800_190, PSS } from '../../engine/references';
import { booleanSetting, checkApplies, CIS_KUBERNETES, fixes, forEachPod, keyRangeOf, removeKeyFix } from '../../kubernetes/pss';

const NAMESPACES: Array<{ key: string; what: string }> = [
  { key: 'hostNetwork', what: "the node's network stack (every interface and port of the node, localhost services included)" },
  { key: 'hostPID', what: "the node's process table (it can see and signal every process on the node)" },
  { key: 'hostIPC', what: "the node's IPC namespace (shared memory of every process on the node)" },
];

export default kubernetesRule({
  id: 'kubernetes/host-namespaces',
  title: 'Pod shares a host namespace',
  defaultSeverity: 'error',
  fix: 'M',
  checklist: ['D2.3'],
  pss: ['hostNamespaces'],
  anchors: {
    trivy: ['KSV-0008', 'KSV-0009', 'KSV-0010'],
    checkov: ['CKV_K8S_17', 'CKV_K8S_18', 'CKV_K8S_19'],
    kubeLinter: ['host-network', 'host-pid', 'host-ipc'],
    polaris: ['hostNetworkSet', 'hostPIDSet', 'hostIPCSet'],
  },
  docs: {
    why: 'With `hostNetwork`, `hostPID` or `hostIPC` the pod joins the node\'s own namespace instead of getting its own: it can reach services bound to the node\'s localhost, sniff node traffic, see and signal every process on the node (including other pods\' secrets in `/proc/<pid>/environ`) or read shared memory. Namespace isolation is one of the main walls between a container and its host.',
    how: 'Remove the setting (the default is `false`). Expose network services through a Service or `containerPort`; use the Downward API instead of reading host processes. Node agents that truly need a host namespace belong in a dedicated namespace with a `privileged` Pod Security level, with a suppression explaining why.',
    bad: 'spec:\n  hostNetwork: true\n  hostPID: true',
    good: 'spec:\n  containers:\n  - name: app\n    ports:\n    - containerPort: 8080',
    references: [
      checklistReference('D2.3'),
      PSS('Host Namespaces'),
      NIST_800_190('4.4.3', 'Insecure container runtime configurations'),
      CIS_KUBERNETES('5.2.3–5.2.5', 'Minimize the admission of containers wishing to share the host process ID, IPC or network namespace'),
    ],
  },
  check(model, ctx) {
    if (!checkApplies(ctx, 'baseline')) return;
    forEachPod(model, (pod) => {
      for (const { key, what } of NAMESPACES) {
        const found = booleanSetting(pod.spec, key);
        if (!found?.value) continue;
        ctx.report({
          range: keyRangeOf(model, found.setting.pair),
          message: `\`${key}: true\` shares ${what} with this pod.`,
          fixes: fixes(removeKeyFix(model, pod.spec, key, `Remove \`${key}\``)),
        });
      }
    });
  },
});
