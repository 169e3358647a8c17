/** Scheduling rules shared by the capabilities: hybrid nodes carry `eks.amazonaws.com/compute-type: hybrid`. */
export const COMPUTE_TYPE_LABEL = "eks.amazonaws.com/compute-type";

/** Only on EKS Hybrid Nodes (Cilium, HYB-CNI-01). */
export function hybridNodeAffinity() {
  return {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchExpressions: [{ key: COMPUTE_TYPE_LABEL, operator: "In", values: ["hybrid"] }] }],
      },
    },
  };
}

/**
 * Label on every managed nodegroup this module set creates. Controllers that must stay off hybrid
 * nodes (EFS CSI, Trident) select it: nodeSelector cannot say "NotIn hybrid", and EKS add-on
 * configuration takes a nodeSelector.
 */
export const CLOUD_NODE_LABEL = { key: "platform.eks-hybrid-storage/location", value: "cloud" } as const;
