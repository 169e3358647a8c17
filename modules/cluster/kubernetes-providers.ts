import { Construct } from "constructs";
import { Fn, TerraformStack } from "cdktf";
import { IClusterRef } from "../core/refs";
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

const ensured = new WeakMap<TerraformStack, { cluster: string; providers: { kubernetes?: KubernetesProvider; helm?: HelmProvider } }>();

/**
 * The kubernetes and helm providers of `cluster`'s stack, created on first need. A construct that
 * creates Kubernetes objects or Helm releases calls this, so a platform repo never meets cdktf's
 * "resources without a matching provider" error. Providers the stack already has (configured by
 * the user) are kept; a second cluster in the same stack is refused, since unaliased providers
 * would point both at the first.
 */
export function ensureKubernetesProviders(scope: Construct, cluster: IClusterRef): void {
  const stack = TerraformStack.of(scope);
  const known = ensured.get(stack);
  if (known) {
    if (known.cluster !== cluster.literalName) {
      throw new Error(
        `${scope.node.path}: the stack already has kubernetes/helm providers for cluster ${known.cluster}; one stack serves one cluster (use a stack per cluster)`,
      );
    }
    return;
  }
  const existing = stack.node.findAll().filter((c) => c instanceof KubernetesProvider || c instanceof HelmProvider);
  if (existing.length > 0) {
    ensured.set(stack, { cluster: cluster.literalName, providers: {} });
    return;
  }
  const providers = configureKubernetesProviders(stack, {
    clusterName: cluster.name,
    endpoint: cluster.endpoint,
    certificateAuthorityData: cluster.certificateAuthorityData,
    region: cluster.region,
  });
  ensured.set(stack, { cluster: cluster.literalName, providers });
}
