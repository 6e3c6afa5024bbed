/**
 * The plugin's entry point: `pulumi package add <this folder>` and every deployment that uses the
 * package run it through the Node.js language host (PulumiPlugin.yaml), which starts it with
 * `@pulumi/pulumi/cmd/run-plugin <this folder> <engine address>` (pulumi-language-nodejs
 * `RunPlugin`, v3.248.0); it serves the provider and prints its port.
 *
 * It is the analyzer's entry point too (package.json `main`): the analyzer reads the component's
 * class from the first declaration named `KarpenterCluster` it finds, starting with this file.
 */
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as eks from "@pulumi/eks";
import * as k8s from "@pulumi/kubernetes";
import { main } from "@pulumi/pulumi/provider";
import { KarpenterCluster as Component, KarpenterClusterOutputs } from "../components/karpenterCluster";
import { KarpenterClusterArgs, Mirrors, Proven, Toleration } from "./args";
import { KarpenterClusterProvider } from "./componentProvider";
import { inspectWithoutColors } from "./uncaughtErrors";

// What the analyzer reads: the constructor's arguments in the shapes it maps (args.ts), and the
// outputs. Only declared, never built: `Construct` builds the component's own class, `Component`.
// The schema takes this class's description; those of its inputs and outputs come from the
// component's TSDoc (documentation.ts).
/**
 * An Amazon EKS cluster ready for Karpenter v1: network with discovery tags, the control plane
 * with access entries and an OIDC provider, a critical-addons node group, the node and controller
 * roles, the interruption queue and its rules, the Karpenter charts, and the NodePools and
 * EC2NodeClasses of `karpenter`. Bad arguments fail before anything is created, each problem
 * reported with its property path.
 */
export declare class KarpenterCluster extends pulumi.ComponentResource {
    readonly clusterName: pulumi.Output<string>;
    readonly kubeconfig: pulumi.Output<string>;
    readonly provider: k8s.Provider;
    readonly cluster: eks.Cluster;
    readonly oidcProviderArn: pulumi.Output<string>;
    readonly controllerRoleArn: pulumi.Output<string>;
    readonly nodeRoleName: pulumi.Output<string>;
    readonly interruptionQueueName: pulumi.Output<string | undefined>;
    readonly interruptionQueueUrl: pulumi.Output<string | undefined>;
    readonly nodeGroupName: pulumi.Output<string>;
    readonly discoveryTagValue: pulumi.Output<string>;
    readonly vpcId: pulumi.Output<string>;
    readonly privateSubnetIds: pulumi.Output<string[]>;
    readonly criticalAddonsNodeSelector: Record<string, string>;
    readonly criticalAddonsTolerations: Toleration[];
    constructor(name: string, args: KarpenterClusterArgs, opts?: pulumi.ComponentResourceOptions);
}

/** The compiler's proof that the declared outputs are the component's, key for key. */
export type DeclaresComponentOutputs = Proven<Mirrors<Omit<KarpenterCluster, keyof pulumi.ComponentResource>, KarpenterClusterOutputs>>;

// Before run-plugin's own handlers, which format the error (see uncaughtErrors.ts).
process.prependListener("unhandledRejection", inspectWithoutColors);
process.prependListener("uncaughtException", inspectWithoutColors);

const library = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "package.json"), "utf8")) as { version: string };
// run-plugin hands on the arguments after the folder (the engine address, flags); a failure to
// serve is an unhandled rejection, which run-plugin reports.
void main(new KarpenterClusterProvider(Component, __dirname, library.version), process.argv.slice(2));
