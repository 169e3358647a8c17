/** Unit tests for modules/cluster/kubernetes-providers.ts: configureKubernetesProviders and ensureKubernetesProviders. */
import { Construct } from "constructs";
import { TerraformStack, Testing } from "cdktf";
import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { configureKubernetesProviders, ensureKubernetesProviders } from "../modules/cluster/kubernetes-providers";
import { ClusterRef, IClusterRef } from "../modules/core/refs";
import { requiredProdClusterAttributes } from "./helpers";

function cluster(name: string): IClusterRef {
  return ClusterRef.fromAttributes({ ...requiredProdClusterAttributes, name, securityGroupId: "sg-0123456789abcdef0" });
}

function newStack(): TerraformStack {
  return new TerraformStack(Testing.app(), "platform");
}

function childIds(stack: TerraformStack): string[] {
  return stack.node.children.map((c) => c.node.id);
}

test("configureKubernetesProviders returns the kubernetes and helm providers it adds to the scope", () => {
  const stack = newStack();
  const providers = configureKubernetesProviders(stack, {
    clusterName: "prod",
    endpoint: "https://ABC.gr7.eu-west-1.eks.amazonaws.com",
    certificateAuthorityData: "LS0tLS1CRUdJTiBDRVJU",
    region: "eu-west-1",
  });
  expect(providers.kubernetes).toBeInstanceOf(KubernetesProvider);
  expect(providers.helm).toBeInstanceOf(HelmProvider);
  expect(providers.kubernetes).toBe(stack.node.findChild("kubernetes"));
  expect(providers.helm).toBe(stack.node.findChild("helm"));
});

test("ensureKubernetesProviders adds one kubernetes and one helm provider to a stack without any, and nothing more when called again for the same cluster", () => {
  const stack = newStack();
  ensureKubernetesProviders(new Construct(stack, "efs"), cluster("prod"));
  ensureKubernetesProviders(new Construct(stack, "trident"), cluster("prod"));
  expect(childIds(stack)).toEqual(["efs", "kubernetes", "helm", "trident"]);
});

test("a second cluster in the same stack is refused with the calling construct's path and the first cluster's name", () => {
  const stack = newStack();
  ensureKubernetesProviders(new Construct(stack, "efs"), cluster("prod"));
  expect(() => ensureKubernetesProviders(new Construct(stack, "fsx"), cluster("staging"))).toThrow(
    new Error(
      "platform/fsx: the stack already has kubernetes/helm providers for cluster prod; one stack serves one cluster (use a stack per cluster)",
    ),
  );
});

test("a stack where the user already configured a kubernetes provider keeps it and gets no providers added", () => {
  const stack = newStack();
  new KubernetesProvider(stack, "user-k8s", {});
  ensureKubernetesProviders(new Construct(stack, "efs"), cluster("prod"));
  expect(childIds(stack)).toEqual(["user-k8s", "efs"]);
});

test("a stack where the user already configured only a helm provider keeps it and gets no providers added", () => {
  const stack = newStack();
  new HelmProvider(stack, "user-helm", {});
  ensureKubernetesProviders(new Construct(stack, "efs"), cluster("prod"));
  expect(childIds(stack)).toEqual(["user-helm", "efs"]);
});

test("with user-configured providers, the same cluster is accepted again and another cluster is refused naming the first", () => {
  const stack = newStack();
  new KubernetesProvider(stack, "user-k8s", {});
  new HelmProvider(stack, "user-helm", {});
  ensureKubernetesProviders(new Construct(stack, "efs"), cluster("prod"));
  expect(() => ensureKubernetesProviders(new Construct(stack, "trident"), cluster("prod"))).not.toThrow();
  expect(() => ensureKubernetesProviders(new Construct(stack, "hybrid"), cluster("staging"))).toThrow(
    new Error(
      "platform/hybrid: the stack already has kubernetes/helm providers for cluster prod; one stack serves one cluster (use a stack per cluster)",
    ),
  );
  expect(childIds(stack)).toEqual(["user-k8s", "user-helm", "efs", "trident", "hybrid"]);
});
