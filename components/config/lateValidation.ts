import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import type { BuildContext } from "../buildContext";
import { KarpenterClusterArgs } from "./args";
import { knownAvailabilityZoneCount } from "./availabilityZones";
import { Check } from "./schema";
import { ValidationError, throwIfProblems } from "./problems";
import { validateArgs } from "./validateArgs";
import { creatorCheckedAdmins } from "../cluster/clusterCreator";

/**
 * `input` as an output that fails with the same message as up-front validation once its value is
 * known. Plain values were already checked; outputs (say, a subnet id from another stack) are
 * checked here, before any resource that uses them is created.
 */
export function validated(input: pulumi.Input<string>, path: string, check: Check): pulumi.Output<string> {
    return pulumi.output(input).apply((value) => {
        const problems = check(value, path);
        if (problems.length > 0) {
            throw new ValidationError(problems);
        }
        return value;
    });
}

/**
 * Holds every child of a component back until the checks that need deployment-time values pass:
 * zones and the number of AZs against the provider's region, and every argument given as an
 * Output (a VPC id from another stack), with the messages of up-front validation.
 *
 * Why a `dependsOn` on every child: the engine registers resources as the program creates them,
 * each registration waiting only for its own inputs and `dependsOn`, so a check in an `apply` of
 * one resource's input fails that resource alone, after its siblings were created. The Node SDK
 * awaits every `dependsOn` entry, Outputs included, before it sends a registration
 * (`gatherExplicitDependencies` in sdk/nodejs/runtime/dependsOn.ts, v3.248.0); a transformation
 * on the component (applied by the `Resource` constructor to every resource whose parent chain
 * reaches it, sdk/nodejs/resource.ts) adds the checks' Output to each child's `dependsOn`. The
 * Output resolves to no resources, so a passing check adds no dependency beyond the resources the
 * checked values come from (a StackReference, an explicit AWS provider); a failing one fails
 * every registration with the same `ValidationError`, which Pulumi reports once, without a stack
 * trace (`uncaughtHandler` in sdk/nodejs/cmd/run/run.ts reports each error object once). In a preview where a value is still unknown, the Output is unknown too and holds
 * nothing back; the checks run in the update, still before anything is created.
 */
export class CreationGate {
    private checks?: pulumi.Output<pulumi.Resource[]>;

    /** `args` as the user gave them, Outputs included, with the cluster name filled in. */
    constructor(private readonly args: KarpenterClusterArgs) {}

    /** `opts` with the transformation that makes each child wait for the checks. */
    options(opts: pulumi.ComponentResourceOptions = {}): pulumi.ComponentResourceOptions {
        const hold: pulumi.ResourceTransformation = ({ props, opts: childOpts }) => {
            if (this.checks === undefined) {
                // The component itself, constructed before the checks exist.
                return undefined;
            }
            const existing = childOpts.dependsOn === undefined ? [] : Array.isArray(childOpts.dependsOn) ? childOpts.dependsOn : [childOpts.dependsOn];
            // The SDK gathers an Output of a list like a list (its type names single resources only).
            const checks = this.checks as unknown as pulumi.Input<pulumi.Resource>;
            return { props, opts: { ...childOpts, dependsOn: [checks, ...(existing as pulumi.Input<pulumi.Resource>[])] } };
        };
        return { ...opts, transformations: [hold, ...(opts.transformations ?? [])] };
    }

    /** Starts the checks; every child created afterwards waits for them. */
    start(ctx: Pick<BuildContext, "region" | "parent" | "callerArn">): void {
        this.checks = lateChecks(this.args, ctx);
    }
}

/**
 * `validateArgs` again, on the arguments with every Output resolved and with the region known:
 * up-front validation passed without them, so whatever it finds now is new. A region whose AZ
 * count differs between accounts is asked of the provider, as awsx's `Vpc.getDefaultAzs` asks
 * it (awsx/ec2/vpc.ts), so this fails exactly when the VPC would.
 */
function lateChecks(args: KarpenterClusterArgs, ctx: Pick<BuildContext, "region" | "parent" | "callerArn">): pulumi.Output<pulumi.Resource[]> {
    const newVpc = args.network?.vpcId === undefined;
    const lookedUp = ctx.region.apply((region) =>
        newVpc && knownAvailabilityZoneCount(region) === undefined
            ? aws.getAvailabilityZonesOutput({}, { parent: ctx.parent }).names.apply((names) => names.length)
            : undefined,
    );
    // Also gates every child, not only the eks.Cluster whose access entries it concerns, so that an
    // update run without a preview (`--skip-preview`, Automation API) creates nothing either.
    const admins = creatorCheckedAdmins(args.clusterAdmins ?? [], args.clusterName ?? "", ctx.callerArn, ctx.parent);
    return pulumi.all([pulumi.output(args), ctx.region, lookedUp, admins]).apply(([resolved, region, availabilityZoneCount]) => {
        throwIfProblems(validateArgs(resolved, { region, availabilityZoneCount }));
        return [];
    });
}
