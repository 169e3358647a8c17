// Public API of the module set. Deep provider imports only: nothing here pulls a provider root.
export * from "./core/errors";
export { parseIpv4Cidr, overlaps, contains, isRfc1918 } from "./core/cidr";
export type { Ipv4Cidr } from "./core/cidr";
export { policyDocument, iamVariable } from "./core/iam";
export type { PolicyStatement } from "./core/iam";

export { EnvironmentSchema, LAYOUTS } from "./config/environment";
export type { EnvironmentConfig, EnvironmentInput, LayoutName } from "./config/environment";
export { parseEnvironment, loadEnvironmentFile, loadEnvironments, readEnvironmentFile, environmentFilesIn } from "./config/load";
export type { LoadedEnvironment } from "./config/load";
export { environmentJsonSchema } from "./config/json-schema";

export { Network } from "./network/network";
export type { NetworkProps, SubnetRef } from "./network/network";
export type { NetworkConfig } from "./network/config";

export { EksCluster } from "./cluster/eks-cluster";
export type { EksClusterProps, RemoteNetworks, CoreAddon } from "./cluster/eks-cluster";
export type { ClusterConfig, NodegroupConfig } from "./cluster/config";
export { configureKubernetesProviders } from "./cluster/kubernetes-providers";
export type { KubernetesAccess } from "./cluster/kubernetes-providers";

export { ManagedNodegroup } from "./nodegroup/managed-nodegroup";
export type { ManagedNodegroupProps, ManagedNodegroupSettings } from "./nodegroup/managed-nodegroup";

export { HybridNodes, expiryFromNow } from "./hybrid-nodes/hybrid-nodes";
export type { HybridNodesProps } from "./hybrid-nodes/hybrid-nodes";
export { Connectivity } from "./hybrid-nodes/connectivity";
export type { ConnectivityProps } from "./hybrid-nodes/connectivity";
export type { HybridConfig, ConnectivityConfig } from "./hybrid-nodes/config";
export { renderNodeConfig, renderCiliumValues, hybridNodeTrustPolicy, hybridNodePolicy, onPremFirewallRequirements } from "./hybrid-nodes/render";
export type { FirewallRule, NodeCredentials } from "./hybrid-nodes/render";

export { EfsStorage } from "./efs/efs-storage";
export type { EfsStorageProps } from "./efs/efs-storage";
export type { EfsConfig } from "./efs/config";
export { efsFileSystemPolicy, efsStorageClassParameters } from "./efs/render";

export { FsxOntap, vsadminVariableName } from "./fsx-ontap/fsx-ontap";
export type { FsxOntapProps } from "./fsx-ontap/fsx-ontap";
export type { FsxOntapConfig, TridentConfig } from "./fsx-ontap/config";
export { fsxIngressPorts, renderTridentValues, renderBackendChartValues, tridentPolicy } from "./fsx-ontap/render";

export { InstanceStore } from "./instance-store/instance-store";
export type {
  InstanceStoreProps,
  InstanceStoreOptions,
  InstanceStoreNodegroupOptions,
  NodeadmDiskSetupOptions,
  ScriptDiskSetupOptions,
  InstanceStoreTaintOptions,
  LocalStaticProvisionerValues,
} from "./instance-store/instance-store";
export type { InstanceStoreConfig, DiskSetup } from "./instance-store/config";
export { InstanceStoreSchema } from "./instance-store/config";
export { validateInstanceStore } from "./instance-store/validate";
export { instanceStoreDisks } from "./instance-store/instance-types";
export { renderUserData, renderDiskScript, renderLocalStorageNodeConfig, renderProvisionerValues } from "./instance-store/render";

export { configureRemoteState, remoteStateSettings } from "./state/remote-state";
export type { RemoteStateSettings } from "./state/remote-state";
export { stateKeyOf, bootstrapAccessOf, StateSchema } from "./state/config";

export { StateBucketStack, denyInsecureTransportPolicy, stateBucketPolicy, stateKeyPolicy, stateKeyAliasName } from "../bootstrap/state-bucket-stack";
export type { StateBucketStackProps } from "../bootstrap/state-bucket-stack";

export { PlatformStack } from "./platform/platform-stack";
export type { PlatformStackProps } from "./platform/platform-stack";
export { resourcesPerModule } from "./platform/summary";
