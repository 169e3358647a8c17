import { Construct } from "constructs";
import { Fn } from "cdktf";
import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";

export interface KubernetesAccess {
  readonly clusterName: string;
  readonly endpoint: string;
  /** Base64 CA bundle (decoded by Terraform, never at synth). */
  readonly certificateAuthorityData: string;
  readonly region: string;
}

/** The exec plugin call both providers use: a fresh token per Terraform run, no 15-minute expiry mid-apply. */
export function execArgs(access: KubernetesAccess): string[] {
  return ["eks", "get-token", "--cluster-name", access.clusterName, "--region", access.region, "--output", "json"];
}

/**
 * Kubernetes and Helm providers against the cluster with exec auth (`aws eks get-token`). The two
 * bindings differ: kubernetes 2.x takes `exec` as a list, helm 3.x a nested object.
 */
export function configureKubernetesProviders(scope: Construct, access: KubernetesAccess): { kubernetes: KubernetesProvider; helm: HelmProvider } {
  const host = access.endpoint;
  const caCertificate = Fn.base64decode(access.certificateAuthorityData);
  const exec = { apiVersion: "client.authentication.k8s.io/v1beta1", command: "aws", args: execArgs(access) };
  const kubernetes = new KubernetesProvider(scope, "kubernetes", { host, clusterCaCertificate: caCertificate, exec: [exec] });
  const helm = new HelmProvider(scope, "helm", { kubernetes: { host, clusterCaCertificate: caCertificate, exec } });
  return { kubernetes, helm };
}
