import { Issues } from "../core/errors";
import { clusterSubnetNames, validateCluster } from "../cluster/validate";
import { validateEfs } from "../efs/validate";
import { validateFsxOntap } from "../fsx-ontap/validate";
import { validateHybrid } from "../hybrid-nodes/validate";
import { validateInstanceStore } from "../instance-store/validate";
import { privateSubnetInfo, validateNetwork, vpcCidrsOf } from "../network/validate";
import { EnvironmentConfig } from "./environment";

/**
 * Rules that span fields or sections, run after the schema accepted the file. Each capability
 * contributes its validator; all of them run, so every error is reported at once.
 */
export function validateEnvironment(env: EnvironmentConfig, issues: Issues): void {
  validateNetwork(env.network, issues, "network");
  const subnets = privateSubnetInfo(env.network);
  const vpcCidrs = vpcCidrsOf(env.network);
  validateCluster(env.cluster, { layout: env.layout, subnets, vpcCidrs }, issues, "cluster");
  const clusterSubnets = clusterSubnetNames(env.cluster, subnets);
  validateHybrid(env.hybrid, { layout: env.layout, subnets, vpcCidrs, serviceIpv4Cidr: env.cluster.serviceIpv4Cidr, clusterSubnetNames: clusterSubnets }, issues);
  if (env.efs) validateEfs(env.efs, { subnets, clusterSubnetNames: clusterSubnets }, issues);
  if (env.fsxOntap) {
    const hybrid = env.layout === "hybrid" ? env.hybrid : undefined;
    validateFsxOntap(env.fsxOntap, { layout: env.layout, subnets, vpcCidrs, clusterSubnetNames: clusterSubnets, hybrid }, issues);
  }
  if (env.instanceStore) validateInstanceStore(env.instanceStore, { subnets, clusterCreated: env.cluster.mode === "create" }, issues);
}
