import { z } from "zod";
import { k8sLabelKey, k8sLabelValue, pattern } from "../core/schema";

/** A toleration of the Trident node plugin (Kubernetes spelling of the effect). */
export const TolerationSchema = z.strictObject({
  key: k8sLabelKey,
  value: k8sLabelValue.optional(),
  /** @default - every effect */
  effect: z.enum(["NoSchedule", "NoExecute", "PreferNoSchedule"]).optional(),
});

/** Cluster-wide Trident settings: one Trident per cluster (TRI-01, TRI-02). */
export const TridentOptionsSchema = z.strictObject({
  /** trident-operator chart version (100.<YYMM>.<patch>, TRI-01). @default "100.2506.0" */
  chartVersion: pattern(/^100\.\d{4}\.\d+$/, "must be a trident-operator chart version such as 100.2506.0").default("100.2506.0"),
  /** How the controller gets AWS credentials. @default "pod-identity" */
  identity: z.enum(["pod-identity", "irsa"]).default("pod-identity"),
  /** IRSA only: the cluster's IAM OIDC provider ARN. @default - the cluster's `oidcProviderArn` */
  oidcProviderArn: pattern(/^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/[A-Za-z0-9./_-]+$/, "must be an IAM OIDC provider ARN").optional(),
  /** Node selector of the controller. @default - cloud nodes of this module set (created clusters); none on an adopted cluster (a warning says so in the hybrid layout) */
  controllerNodeSelector: z.record(k8sLabelKey, k8sLabelValue).optional(),
  /** Node selector of the node plugin (it must run where PVs are mounted). @default - as controllerNodeSelector */
  nodePluginNodeSelector: z.record(k8sLabelKey, k8sLabelValue).optional(),
  /** Tolerations of the node plugin, e.g. for tainted storage nodegroups (pods there cannot mount FSx volumes otherwise). @default [] */
  nodePluginTolerations: z.array(TolerationSchema).default([]),
  /** Create a VolumeSnapshotClass `trident-snapshots` (installs the snapshot-controller add-on). @default false */
  volumeSnapshotClass: z.boolean().default(false),
});

export type TridentOptionsConfig = z.output<typeof TridentOptionsSchema>;
