import { compareVersions, eksKubernetesVersions, karpenterKubernetesSupport, minorOf, defaultKarpenterVersion, defaultKubernetesVersion } from "../versions";
import { extraValuesProblems } from "../karpenter/helmValues";
import { awsNames } from "../naming";
import { KarpenterClusterArgs } from "./args";
import { resolveArgs } from "./defaults";
import { dayTwoProblems } from "./dayTwoProblems";
import { quantityValue } from "./formats";
import { categoryOf, generationOf, isGravitonInstanceType } from "./instanceTypes";
import { Problem } from "./problems";
import { argsSchema } from "./schemaArgs";

/** What is known about the deployment target before any resource exists. */
export interface ValidationContext {
    /** The AWS region, when known (stack config); zones are then checked against it. */
    region?: string;
}

/**
 * Every problem with `args`, each naming its path. Runs before any resource is registered; values
 * that are outputs are checked again when they resolve, with the same messages.
 */
export function validateArgs(args: unknown, context: ValidationContext = {}): Problem[] {
    const shapeProblems = argsSchema(args, "");
    if (shapeProblems.length > 0) {
        // Cross-field rules assume well-formed values; report shapes first, all at once.
        return shapeProblems;
    }
    return crossFieldProblems(args as KarpenterClusterArgs, context);
}

export function crossFieldProblems(args: KarpenterClusterArgs, context: ValidationContext): Problem[] {
    const problems: Problem[] = [];
    const add = (path: string, message: string) => problems.push({ path, message });
    const resolved = resolveArgs("cluster", args);
    const { karpenter, nodeGroup } = resolved;

    const network = args.network ?? {};
    if (network.vpcId !== undefined) {
        for (const key of ["cidrBlock", "availabilityZoneCount", "natGateways"] as const) {
            if (network[key] !== undefined) {
                add(`network.${key}`, "conflicts with network.vpcId: it only applies to a VPC the component creates");
            }
        }
        if ((network.privateSubnetIds?.length ?? 0) < 2) {
            add("network.privateSubnetIds", `must list at least 2 private subnets in different AZs when network.vpcId is set, got ${network.privateSubnetIds?.length ?? 0}`);
        }
    } else {
        for (const key of ["privateSubnetIds", "publicSubnetIds"] as const) {
            if (network[key] !== undefined) {
                add(`network.${key}`, "requires network.vpcId: subnets can only be given for an existing VPC");
            }
        }
    }

    if (!resolved.endpoint.publicAccess && !resolved.endpoint.privateAccess) {
        add("endpoint", "must enable publicAccess, privateAccess or both: nodes and kubectl need an endpoint");
    }
    if (!resolved.endpoint.publicAccess && args.endpoint?.publicAccessCidrs !== undefined) {
        add("endpoint.publicAccessCidrs", "conflicts with endpoint.publicAccess: false");
    }

    const { minSize, desiredSize, maxSize } = nodeGroup;
    if (maxSize < minSize) {
        add("nodeGroup.maxSize", `must be at least minSize (${minSize}), got ${maxSize}`);
    }
    // desiredSize defaults to minSize: a maxSize below minSize is reported once, above, not again here.
    if (desiredSize < minSize) {
        add("nodeGroup.desiredSize", `must be at least minSize (${minSize}), got ${desiredSize}`);
    } else if (desiredSize > maxSize && maxSize >= minSize) {
        add("nodeGroup.desiredSize", `must be at most maxSize (${maxSize}), got ${desiredSize}`);
    }
    const graviton = nodeGroup.instanceTypes.filter(isGravitonInstanceType);
    if (graviton.length > 0 && graviton.length < nodeGroup.instanceTypes.length) {
        const x86 = nodeGroup.instanceTypes.filter((t) => !isGravitonInstanceType(t));
        add(
            "nodeGroup.instanceTypes",
            `must be all arm64 (Graviton) or all x86_64: a node group runs one AMI architecture, got arm64 ${graviton.join(", ")} and x86_64 ${x86.join(", ")}`,
        );
    }
    if (karpenter.placement === "nodeGroup" && Object.keys(nodeGroup.labels).length === 0) {
        add("nodeGroup.labels", "must have at least one label: the Karpenter controller selects the critical-addons nodes by them");
    }

    problems.push(...versionProblems(args));

    if (karpenter.identity === "podIdentity" && karpenter.placement === "fargate") {
        add("karpenter.identity", 'conflicts with karpenter.placement "fargate": EKS Pod Identity does not work on Fargate; use "irsa"');
    }
    if (args.karpenter?.nodeTerminationHandlerVersion !== undefined && karpenter.interruption !== "nodeTerminationHandler") {
        add("karpenter.nodeTerminationHandlerVersion", 'only applies with karpenter.interruption "nodeTerminationHandler"');
    }
    if (karpenter.placement === "nodeGroup" && karpenter.replicas > nodeGroup.minSize) {
        add("karpenter.replicas", `must be at most nodeGroup.minSize (${minSize}) so each replica gets a node of its own, got ${karpenter.replicas}`);
    }
    for (const resource of ["cpu", "memory"] as const) {
        const request = karpenter.controllerResources.requests[resource];
        const limit = karpenter.controllerResources.limits[resource];
        if (quantityValue(request) > quantityValue(limit)) {
            add(`karpenter.controllerResources.requests.${resource}`, `must not exceed the limit (${limit}), got ${request}`);
        }
    }
    for (const [path, message] of extraValuesProblems(karpenter, nodeGroup.labels)) {
        const clash = path === "settings.interruptionQueue" && karpenter.interruption === "nodeTerminationHandler";
        add(
            `karpenter.extraValues.${path}`,
            clash ? 'must not be set with karpenter.interruption "nodeTerminationHandler": Karpenter and the Node Termination Handler must never both handle interruptions' : message,
        );
    }

    problems.push(...nodeClassProblems(args, resolved.clusterName), ...nodePoolProblems(args, context), ...dayTwoProblems(args, resolved));
    return problems;
}

function versionProblems(args: KarpenterClusterArgs): Problem[] {
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
    if (!eksKubernetesVersions.includes(kubernetesVersion)) {
        problems.push({ path: "kubernetesVersion", message: `must be a version EKS offers (${eksKubernetesVersions.join(", ")}), got "${kubernetesVersion}"` });
    } else if (support && (compareVersions(kubernetesVersion, support.min) < 0 || compareVersions(kubernetesVersion, support.max) > 0)) {
        problems.push({
            path: "kubernetesVersion",
            message: `must be from ${support.min} to ${support.max}, the Kubernetes versions Karpenter ${karpenterVersion} supports, got "${kubernetesVersion}"`,
        });
    }
    return problems;
}

function duplicates(names: string[]): Set<number> {
    return new Set(names.map((n, i) => (names.indexOf(n) !== i ? i : -1)).filter((i) => i >= 0));
}

function nodeClassProblems(args: KarpenterClusterArgs, clusterName: string): Problem[] {
    const problems: Problem[] = [];
    const classes = args.karpenter?.nodeClasses ?? [];
    const names = awsNames(clusterName);
    // These roles have access entries already; a second entry for the same principal fails to create.
    const ownRoles = [names.nodeRole, names.systemNodeRole];
    const dupes = duplicates(classes.map((c) => c.name));
    classes.forEach((nodeClass, i) => {
        const path = `karpenter.nodeClasses[${i}]`;
        if (dupes.has(i)) {
            problems.push({ path: `${path}.name`, message: `duplicates the name "${nodeClass.name}"; EC2NodeClass names must be unique` });
        }
        if (nodeClass.role !== undefined && nodeClass.instanceProfile !== undefined) {
            problems.push({ path: `${path}.instanceProfile`, message: "conflicts with role: an EC2NodeClass takes exactly one of role and instanceProfile" });
        }
        if (nodeClass.role !== undefined && ownRoles.includes(nodeClass.role)) {
            problems.push({ path: `${path}.role`, message: `must not be "${nodeClass.role}", a role the component creates; leave role unset to use the node role` });
        }
        const volumeType = nodeClass.volumeType ?? "gp3";
        if (nodeClass.volumeThroughput !== undefined && volumeType !== "gp3") {
            problems.push({ path: `${path}.volumeThroughput`, message: `only applies to gp3 volumes, not ${volumeType}` });
        }
        if (nodeClass.volumeIops !== undefined) {
            if (volumeType === "gp2") {
                problems.push({ path: `${path}.volumeIops`, message: "only applies to gp3, io1 and io2 volumes, not gp2" });
            } else if (volumeType === "gp3" && (nodeClass.volumeIops < 3000 || nodeClass.volumeIops > 16000)) {
                problems.push({ path: `${path}.volumeIops`, message: `must be from 3000 to 16000 for gp3, got ${nodeClass.volumeIops}` });
            }
        }
    });
    return problems;
}

function nodePoolProblems(args: KarpenterClusterArgs, context: ValidationContext): Problem[] {
    const problems: Problem[] = [];
    const karpenter = args.karpenter ?? {};
    const pools = karpenter.nodePools ?? [];
    const classNames = (karpenter.nodeClasses ?? [{ name: "default" }]).map((c) => c.name);
    const dupes = duplicates(pools.map((p) => p.name));
    pools.forEach((pool, i) => {
        const path = `karpenter.nodePools[${i}]`;
        const add = (field: string, message: string) => problems.push({ path: `${path}.${field}`, message });
        if (dupes.has(i)) {
            add("name", `duplicates the name "${pool.name}"; NodePool names must be unique`);
        }
        const nodeClass = pool.nodeClass ?? "default";
        if (!classNames.includes(nodeClass)) {
            add("nodeClass", `must name an entry of karpenter.nodeClasses (${classNames.map((n) => `"${n}"`).join(", ")}), got "${nodeClass}"`);
        }
        const allowExotic = pool.allowExoticInstances ?? false;
        const architectures = pool.architectures ?? ["amd64"];
        for (const [j, family] of (pool.instanceFamilies ?? []).entries()) {
            if (!allowExotic && categoryOf(family) === "u") {
                add(`instanceFamilies[${j}]`, `"${family}" is a high-memory family costing tens of dollars an hour; set allowExoticInstances: true to allow it`);
            }
            if (pool.instanceCategories && !pool.instanceCategories.includes(categoryOf(family))) {
                add(`instanceFamilies[${j}]`, `"${family}" is not in instanceCategories (${pool.instanceCategories.join(", ")}), so no instance type would match`);
            }
            if (isGravitonInstanceType(family) && !architectures.includes("arm64")) {
                add(`instanceFamilies[${j}]`, `"${family}" is a Graviton (arm64) family, not in architectures (${architectures.join(", ")}), so no instance type would match`);
            }
            const generation = generationOf(family);
            if (generation !== undefined && generation < (pool.minInstanceGeneration ?? 3)) {
                add(`instanceFamilies[${j}]`, `"${family}" is generation ${generation}, below minInstanceGeneration (${pool.minInstanceGeneration ?? 3})`);
            }
        }
        for (const [j, size] of (pool.instanceSizes ?? []).entries()) {
            if (!allowExotic && size.startsWith("metal")) {
                add(`instanceSizes[${j}]`, `"${size}" is a bare-metal size; set allowExoticInstances: true to allow it`);
            }
        }
        for (const [j, category] of (pool.instanceCategories ?? []).entries()) {
            if (!allowExotic && category === "u") {
                add(`instanceCategories[${j}]`, 'category "u" is the high-memory families; set allowExoticInstances: true to allow it');
            }
        }
        if (context.region) {
            for (const [j, zone] of (pool.zones ?? []).entries()) {
                const message = zoneProblem(zone, context.region);
                if (message) {
                    add(`zones[${j}]`, message);
                }
            }
        }
        if ((pool.capacityTypes ?? []).includes("spot") && karpenter.interruption === "none") {
            add("capacityTypes", 'includes "spot" but karpenter.interruption is "none": spot nodes would be reclaimed without draining; use "native"');
        }
        for (const resource of ["cpu", "memory"]) {
            const limit = pool.limits?.[resource];
            if (limit !== undefined && !(quantityValue(limit) > 0)) {
                add(`limits.${resource}`, `must be greater than zero so the NodePool can launch a node, got ${JSON.stringify(limit)}`);
            }
        }
        (pool.disruption?.budgets ?? []).forEach((budget, j) => {
            if ((budget.schedule === undefined) !== (budget.duration === undefined)) {
                add(`disruption.budgets[${j}]`, "must set schedule and duration together");
            }
        });
    });
    return problems;
}

/** The message for a zone outside `region`, or undefined when it belongs to it. */
export function zoneProblem(zone: string, region: string): string | undefined {
    return new RegExp(`^${region}[a-z]$`).test(zone) ? undefined : `must be a zone of region ${region} such as "${region}a", got "${zone}"`;
}
