/** Rendered artefacts of the cluster: pure functions, unit-tested (test/cluster-render.test.ts). */

/** The label both sides carry with distinct values: an AZ on cloud nodes, the on-prem zone name on hybrid nodes. */
export const ZONE_LABEL = "topology.kubernetes.io/zone";

/**
 * CoreDNS add-on configuration for a mixed cluster (cloud nodes + hybrid nodes). AWS recommends at
 * least one CoreDNS replica in the cloud and one on hybrid nodes (EKS User Guide, hybrid-nodes-webhooks
 * "Considerations for mixed mode clusters"; HYB-ADD-01), so that each side resolves names when the
 * link between them is down. Three replicas spread by zone with maxSkew 1 place one on-prem as soon
 * as hybrid nodes carry a `topology.kubernetes.io/zone` label, and two in the cloud AZs. ScheduleAnyway
 * keeps CoreDNS schedulable before any hybrid node joins (a DoNotSchedule rule would leave the add-on
 * DEGRADED while the cluster has only cloud nodes). Keys used: `replicaCount`, `topologySpreadConstraints`,
 * both in the coredns add-on schema (vendor/addons/coredns/v1.12.3-eksbuild.1.schema.json).
 */
export function corednsMixedModeConfiguration(): Record<string, unknown> {
  const selector = { matchLabels: { "k8s-app": "kube-dns" } };
  return {
    replicaCount: 3,
    topologySpreadConstraints: [
      { maxSkew: 1, topologyKey: ZONE_LABEL, whenUnsatisfiable: "ScheduleAnyway", labelSelector: selector },
      { maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "ScheduleAnyway", labelSelector: selector },
    ],
  };
}
