/** Rendered artefacts of the cluster: pure functions, unit-tested (test/cluster-render.test.ts). */
import { COMPUTE_TYPE_LABEL } from "../core/kubernetes";

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
 * `affinity`, all in the coredns add-on schema (vendor/addons/coredns/v1.12.3-eksbuild.1.schema.json).
 *
 * Unless the VPC routes the on-prem pod CIDRs (`podCidrsRoutable`), a replica on a hybrid node is
 * out of reach of cloud pods: kube-proxy sends a share of every node's kube-dns queries to each
 * replica, and the VPC has no route to an on-prem pod IP, so those lookups time out (HYB-NET-05).
 * CoreDNS then stays on cloud nodes: `affinity` replaces the add-on's default, so the default's terms
 * (linux, amd64/arm64, one replica per host preferred; the schema's `default`) are kept and
 * `eks.amazonaws.com/compute-type NotIn [hybrid]` is added.
 */
export function corednsMixedModeConfiguration(podCidrsRoutable = true): Record<string, unknown> {
  const selector = { matchLabels: { "k8s-app": "kube-dns" } };
  const spread = {
    replicaCount: 3,
    topologySpreadConstraints: [
      { maxSkew: 1, topologyKey: ZONE_LABEL, whenUnsatisfiable: "ScheduleAnyway", labelSelector: selector },
      { maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "ScheduleAnyway", labelSelector: selector },
    ],
  };
  if (podCidrsRoutable) return spread;
  return {
    ...spread,
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            {
              matchExpressions: [
                { key: "kubernetes.io/os", operator: "In", values: ["linux"] },
                { key: "kubernetes.io/arch", operator: "In", values: ["amd64", "arm64"] },
                { key: COMPUTE_TYPE_LABEL, operator: "NotIn", values: ["hybrid"] },
              ],
            },
          ],
        },
      },
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 100, podAffinityTerm: { labelSelector: { matchExpressions: [{ key: "k8s-app", operator: "In", values: ["kube-dns"] }] }, topologyKey: "kubernetes.io/hostname" } },
        ],
      },
    },
  };
}
