import { compareVersions, eksSupportPhase, eksVersionCalendar, eksVersionsOffered, karpenterKubernetesSupport, minorOf, defaultKarpenterVersion, defaultKubernetesVersion } from "../versions";
import { extraValuesProblems } from "../karpenter/helmValues";
import { KarpenterClusterArgs } from "./args";
import { resolveArgs } from "./defaults";
import { quantityValue } from "./formats";
import { isGravitonInstanceType } from "./instanceTypes";
import { availabilityZoneCountProblem, knownAvailabilityZoneCount } from "./availabilityZones";
import { awsLimitProblems } from "./awsLimits";
import { nodeClassProblems } from "./nodeClassProblems";
import { nodePoolProblems } from "./nodePoolProblems";
import { Problem } from "./problems";
import { privateNetworkProblems } from "./privateNetworkProblems";
import { isPlainObject } from "./schema";
import { argsSchema } from "./schemaArgs";
import { WellFormed, allWellFormed, wellFormed } from "./wellFormed";
import { workloadProblems } from "./workloadProblems";

/** What is known about the deployment target before any resource exists. */
export interface ValidationContext {
    /** The AWS region, when known (stack config); zones and the number of AZs are then checked against it. */
    region?: string;
    /** The number of AZs the account sees in `region`, looked up when it differs between accounts. */
    availabilityZoneCount?: number;
    /** The day EKS version support is judged on. @default the current date */
    today?: Date;
}

/**
 * Every problem with `args`, each naming its path: shapes, and every cross-field rule whose inputs
 * are well-formed, all at once. Runs before any resource is registered; values that are outputs
 * are checked when they resolve, before any resource is created (see lateValidation).
 */
export function validateArgs(args: unknown, context: ValidationContext = {}): Problem[] {
    const shapeProblems = argsSchema(args, "");
    const inputs = wellFormed(args, shapeProblems, argsSchema);
    const wellFormedArgs = (isPlainObject(inputs.args) ? inputs.args : {}) as KarpenterClusterArgs;
    return [...shapeProblems, ...crossFieldProblems(wellFormedArgs, context, inputs)];
}

/**
 * The rules between fields. `args` must be well-formed, as {@link WellFormed.args} is; each rule
 * runs only when `inputs` says the values it reads were well-formed as given.
 */
export function crossFieldProblems(args: KarpenterClusterArgs, context: ValidationContext, inputs: WellFormed = allWellFormed(args)): Problem[] {
    const problems: Problem[] = [];
    const ok = inputs.ok;
    const add = (path: string, message: string) => problems.push({ path, message });
    const resolved = resolveArgs("cluster", args);
    const { karpenter, nodeGroup } = resolved;

    const network = args.network ?? {};
    if (network.vpcId !== undefined && ok("network.vpcId")) {
        for (const key of ["cidrBlock", "availabilityZoneCount", "natGateways"] as const) {
            if (network[key] !== undefined) {
                add(`network.${key}`, "conflicts with network.vpcId: it only applies to a VPC the component creates");
            }
        }
        if ((network.privateSubnetIds?.length ?? 0) < 2 && ok("network.privateSubnetIds")) {
            add("network.privateSubnetIds", `must list at least 2 private subnets in different AZs when network.vpcId is set, got ${network.privateSubnetIds?.length ?? 0}`);
        }
    } else if (network.vpcId === undefined && ok("network.vpcId")) {
        for (const key of ["privateSubnetIds", "publicSubnetIds"] as const) {
            if (network[key] !== undefined) {
                add(`network.${key}`, "requires network.vpcId: subnets can only be given for an existing VPC");
            }
        }
        if (resolved.network.kind === "new" && context.region !== undefined && ok("network.availabilityZoneCount")) {
            const message = availabilityZoneCountProblem(resolved.network.availabilityZoneCount, context.region, knownAvailabilityZoneCount(context.region) ?? context.availabilityZoneCount);
            if (message) {
                add("network.availabilityZoneCount", message);
            }
        }
    }

    if (!resolved.endpoint.publicAccess && !resolved.endpoint.privateAccess && ok("endpoint.publicAccess", "endpoint.privateAccess")) {
        add("endpoint", "must enable publicAccess, privateAccess or both: nodes and kubectl need an endpoint");
    }
    if (!resolved.endpoint.publicAccess && args.endpoint?.publicAccessCidrs !== undefined && ok("endpoint.publicAccess")) {
        add("endpoint.publicAccessCidrs", "conflicts with endpoint.publicAccess: false");
    }

    const { minSize, desiredSize, maxSize } = nodeGroup;
    if (maxSize < minSize && ok("nodeGroup.minSize", "nodeGroup.maxSize")) {
        add("nodeGroup.maxSize", `must be at least minSize (${minSize}), got ${maxSize}`);
    }
    // desiredSize defaults to minSize: a maxSize below minSize is reported once, above, not again here.
    if (ok("nodeGroup.minSize", "nodeGroup.desiredSize", "nodeGroup.maxSize")) {
        if (desiredSize < minSize) {
            add("nodeGroup.desiredSize", `must be at least minSize (${minSize}), got ${desiredSize}`);
        } else if (desiredSize > maxSize && maxSize >= minSize) {
            add("nodeGroup.desiredSize", `must be at most maxSize (${maxSize}), got ${desiredSize}`);
        }
    }
    const graviton = nodeGroup.instanceTypes.filter(isGravitonInstanceType);
    if (graviton.length > 0 && graviton.length < nodeGroup.instanceTypes.length && ok("nodeGroup.instanceTypes")) {
        const x86 = nodeGroup.instanceTypes.filter((t) => !isGravitonInstanceType(t));
        add(
            "nodeGroup.instanceTypes",
            `must be all arm64 (Graviton) or all x86_64: a node group runs one AMI architecture, got arm64 ${graviton.join(", ")} and x86_64 ${x86.join(", ")}`,
        );
    }
    if (karpenter.placement === "nodeGroup" && Object.keys(nodeGroup.labels).length === 0 && ok("karpenter.placement", "nodeGroup.labels")) {
        add("nodeGroup.labels", "must have at least one label: the Karpenter controller selects the critical-addons nodes by them");
    }

    if (ok("kubernetesVersion", "karpenter.version")) {
        problems.push(...versionProblems(args, context.today ?? new Date()));
    }

    if (karpenter.identity === "podIdentity" && karpenter.placement === "fargate" && ok("karpenter.identity", "karpenter.placement")) {
        add("karpenter.identity", 'conflicts with karpenter.placement "fargate": EKS Pod Identity does not work on Fargate; use "irsa"');
    }
    if (args.karpenter?.nodeTerminationHandlerVersion !== undefined && karpenter.interruption !== "nodeTerminationHandler" && ok("karpenter.interruption")) {
        add("karpenter.nodeTerminationHandlerVersion", 'only applies with karpenter.interruption "nodeTerminationHandler"');
    }
    if (karpenter.placement === "nodeGroup" && karpenter.replicas > nodeGroup.minSize && ok("karpenter.placement", "karpenter.replicas", "nodeGroup.minSize")) {
        add("karpenter.replicas", `must be at most nodeGroup.minSize (${minSize}) so each replica gets a node of its own, got ${karpenter.replicas}`);
    }
    for (const resource of ["cpu", "memory"] as const) {
        const request = karpenter.controllerResources.requests[resource];
        const limit = karpenter.controllerResources.limits[resource];
        if (quantityValue(request) > quantityValue(limit) && ok(`karpenter.controllerResources.requests.${resource}`, `karpenter.controllerResources.limits.${resource}`)) {
            add(`karpenter.controllerResources.requests.${resource}`, `must not exceed the limit (${limit}), got ${request}`);
        }
    }
    // The Helm values are generated from every controller setting and the node group's labels.
    const helmInputs = ["karpenter.extraValues", "nodeGroup.labels", ...controllerSettings.map((key) => `karpenter.${key}`)];
    for (const [path, message] of ok(...helmInputs) ? extraValuesProblems(karpenter, nodeGroup.labels) : []) {
        const clash = path === "settings.interruptionQueue" && karpenter.interruption === "nodeTerminationHandler";
        add(
            `karpenter.extraValues.${path}`,
            clash ? 'must not be set with karpenter.interruption "nodeTerminationHandler": Karpenter and the Node Termination Handler must never both handle interruptions' : message,
        );
    }

    problems.push(
        ...nodeClassProblems(args, resolved, inputs),
        ...nodePoolProblems(args, resolved, context, inputs),
        ...awsLimitProblems(args, resolved, inputs),
        // These rules name no inputs; a problem at (or around) a malformed value would repeat it or follow from it.
        ...privateNetworkProblems(args, resolved).filter((p) => ok(p.path)),
        ...workloadProblems(args, resolved).filter((p) => ok(p.path)),
    );
    return problems;
}

/** The `karpenter` settings the chart values are generated from, besides `extraValues`. */
const controllerSettings = ["version", "namespace", "serviceAccount", "identity", "placement", "interruption", "replicas", "controllerResources", "isolatedVpc", "logLevel"];

function versionProblems(args: KarpenterClusterArgs, today: Date): Problem[] {
    const problems: Problem[] = [];
    const karpenterVersion = args.karpenter?.version ?? defaultKarpenterVersion;
    const kubernetesVersion = args.kubernetesVersion ?? defaultKubernetesVersion;
    const support = karpenterKubernetesSupport[minorOf(karpenterVersion)];
    if (!support) {
        problems.push({
            path: "karpenter.version",
            message: `must be a Karpenter version this package's IAM policy and Helm values are written for (${Object.keys(karpenterKubernetesSupport).map((m) => `${m}.x`).join(", ")}), got "${karpenterVersion}"`,
        });
    }
    const phase = eksSupportPhase(kubernetesVersion, today);
    if (phase === undefined || phase === "ended") {
        // EKS creates no cluster on a version past its end of extended support, and upgrades existing control planes away from it.
        const ended = phase === "ended" ? `: EKS ended extended support for ${kubernetesVersion} on ${eksVersionCalendar[kubernetesVersion].endOfExtendedSupport}` : "";
        problems.push({ path: "kubernetesVersion", message: `must be a version EKS offers (${eksVersionsOffered(today).join(", ")}), got "${kubernetesVersion}"${ended}` });
    } else if (support && (compareVersions(kubernetesVersion, support.min) < 0 || compareVersions(kubernetesVersion, support.max) > 0)) {
        problems.push({
            path: "kubernetesVersion",
            message: `must be from ${support.min} to ${support.max}, the Kubernetes versions Karpenter ${karpenterVersion} supports, got "${kubernetesVersion}"`,
        });
    }
    return problems;
}

// Callers import the zone rule from here since before the NodePool rules had a file of their own.
export { zoneProblem } from "./nodePoolProblems";
