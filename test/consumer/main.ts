// Used by scripts/pack-check.sh: a platform repo that installs the packed library and composes it.
import { App } from "cdktf";
import { EnvironmentInput, FsxOntap, PlatformStack } from "@platform/eks-hybrid-storage";

const environment: EnvironmentInput = {
  name: "consumer-env",
  region: "eu-west-1",
  accountId: "111122223333",
  layout: "cloud-only",
  state: { bucket: "consumer-tfstate" },
  network: {
    mode: "create",
    vpcCidr: "10.0.0.0/16",
    privateSubnets: { a: { availabilityZone: "eu-west-1a", cidr: "10.0.0.0/19" }, b: { availabilityZone: "eu-west-1b", cidr: "10.0.32.0/19" } },
  },
  cluster: { mode: "create" },
  efs: {},
  fsxOntap: { deploymentType: "SINGLE_AZ_1", subnets: ["a"], storageCapacityGiB: 1024, throughputMibps: 128, svms: { svm1: {} } },
};
const app = new App({ outdir: "out" });
const stack = new PlatformStack(app, environment.name as string, { environment });
if (!(stack.fsxOntap instanceof FsxOntap)) throw new Error("FsxOntap was not composed");
app.synth();
console.log("consumer synthesized", Object.keys(stack.node.children).length > 0 ? "ok" : "empty");
