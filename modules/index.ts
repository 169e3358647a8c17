// Public API of the module set. Deep provider imports only: nothing here pulls a provider root.
export * from "./core/errors";
export { parseIpv4Cidr, overlaps, contains, isRfc1918 } from "./core/cidr";
export type { Ipv4Cidr } from "./core/cidr";
export { policyDocument, iamVariable, podIdentityTrustPolicy } from "./core/iam";
export type { PolicyStatement } from "./core/iam";
export { ADDON_NAMES, ADDON_VERSIONS, KUBERNETES_VERSIONS, addonVersion, configurationSchema, validateAddonConfiguration, resolveAddon } from "./core/addons";
export type { AddonName, KubernetesVersion, AddonCheck, ResolvedAddon } from "./core/addons";

export { EnvironmentSchema, LAYOUTS } from "./config/environment";
export type { EnvironmentConfig, EnvironmentInput, LayoutName } from "./config/environment";
export { parseEnvironment, loadEnvironmentFile, loadEnvironments, readEnvironmentFile, environmentFilesIn } from "./config/load";
export type { LoadedEnvironment } from "./config/load";
export { environmentJsonSchema } from "./config/json-schema";

// Plain references (core/refs): adopt a VPC or a cluster without creating anything.
export { ClusterRef, VpcRef } from "./core/refs";
export type { IClusterRef, IVpcRef, ClusterAttributes, VpcAttributes } from "./core/refs";

export { Network } from "./network/network";
export type { NetworkProps, NetworkOptions, CreatedNetworkOptions, ExistingNetworkOptions, CreatedSubnetOptions, NetworkExtraProps, OnPremEndpointClients, SubnetRef } from "./network/network";
export type { NetworkConfig } from "./network/config";

export { EksCluster } from "./cluster/eks-cluster";
export type { EksClusterProps, EksClusterOptions, RemoteNetworks, CoreAddon } from "./cluster/eks-cluster";
export { corednsMixedModeConfiguration } from "./cluster/render";
export type { ClusterConfig, NodegroupConfig } from "./cluster/config";
export { configureKubernetesProviders } from "./cluster/kubernetes-providers";
export type { KubernetesAccess } from "./cluster/kubernetes-providers";

export { ManagedNodegroup } from "./nodegroup/managed-nodegroup";
export type { ManagedNodegroupProps, ManagedNodegroupOptions, ManagedNodegroupSettings, ManagedNodegroupResolvedProps } from "./nodegroup/managed-nodegroup";

export { HybridNodes, expiryFromNow } from "./hybrid-nodes/hybrid-nodes";
export type { HybridNodesProps } from "./hybrid-nodes/hybrid-nodes";
export { Connectivity } from "./hybrid-nodes/connectivity";
export type { ConnectivityProps } from "./hybrid-nodes/connectivity";
export type { HybridConfig, ConnectivityConfig, HybridOptions, ConnectivityOptions, GatewayOptions, VpnOptions, DirectConnectOptions, CredentialsOptions, SsmCredentialsOptions, RolesAnywhereOptions, CiliumOptions } from "./hybrid-nodes/config";
export { HybridSchema, ConnectivitySchema } from "./hybrid-nodes/config";
export { validateHybrid, validateConnectivityOptions } from "./hybrid-nodes/validate";
export { renderNodeConfig, renderCiliumValues, hybridNodeTrustPolicy, hybridNodePolicy, onPremFirewallRequirements, FIXED_CILIUM_PATHS } from "./hybrid-nodes/render";
export type { FirewallRule, NodeCredentials } from "./hybrid-nodes/render";

export { EfsStorage } from "./efs/efs-storage";
export type { EfsStorageProps, OnPremMountTarget } from "./efs/efs-storage";
export { EfsSchema } from "./efs/config";
export type { EfsConfig, EfsStorageOptions, EfsAccessPointOptions, EfsStorageClassOptions, EfsLifecyclePolicy } from "./efs/config";
export { efsFileSystemPolicy, efsStorageClassParameters, EFS_MOUNT_OPTIONS } from "./efs/render";
export type { EfsFileSystemPolicyProps } from "./efs/render";
export { validateEfs } from "./efs/validate";
export type { EfsValidationContext } from "./efs/validate";

export { FsxOntap, FSX_ROUTE_TABLE_TAG, vsadminVariableName } from "./fsx-ontap/fsx-ontap";
export type { FsxOntapProps, FsxOntapOptions, FsxOntapSvmOptions, FsxOntapVolumeOptions, FsxOntapStorageClassOptions, FsxOntapOnPremOptions } from "./fsx-ontap/fsx-ontap";
export type { FsxOntapConfig, TridentConfig, FsxOntapOptionsConfig } from "./fsx-ontap/config";
export { FsxOntapSchema, FsxOntapOptionsSchema } from "./fsx-ontap/config";
export { fsxIngressPorts } from "./fsx-ontap/render";
export { Trident, backendsChartDir } from "./trident/trident";
export type { TridentOptions, TridentProps, TridentRegistration, TridentStorageClassSpec } from "./trident/trident";
export { TridentOptionsSchema } from "./trident/config";
export { renderTridentValues, renderBackendChartValues, tridentPolicy, tolerationsFor, WAIT_IMAGE } from "./trident/render";

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
export { renderRetired, resourceAddress, retiredAddresses, validateRetired } from "./platform/retired";
