/**
 * A policy pack whose policies report, as JSON in their violation messages, what the engine handed
 * them for resources of type `probe:index:Thing`. test/policies/grpc/protocol.test.ts runs it
 * through plan/analyzerHost.ts to check the requests field by field.
 */
import { PolicyPack, PolicyResource } from "@pulumi/policy";

const thing = "probe:index:Thing";

function stackView(resource: PolicyResource) {
    return {
        name: resource.name,
        props: resource.props,
        parent: resource.parent?.name,
        dependencies: resource.dependencies.map((d) => d.name),
        propertyDependencies: Object.fromEntries(Object.entries(resource.propertyDependencies).map(([key, deps]) => [key, deps.map((d) => d.name)])),
        provider: resource.provider && { name: resource.provider.name, props: resource.provider.props },
    };
}

new PolicyPack("protocol-probe", {
    policies: [
        {
            name: "sees-inputs",
            description: "Reports what a resource policy sees.",
            enforcementLevel: "mandatory",
            validateResource: (args, reportViolation) => {
                if (args.type === thing) {
                    const { password, owner, nested } = args.props;
                    const provider = args.provider && { name: args.provider.name, type: args.provider.type, urn: args.provider.urn, props: args.provider.props };
                    reportViolation(JSON.stringify({ name: args.name, keys: Object.keys(args.props).sort(), password, owner, nested, provider, parent: args.opts.parent }));
                }
            },
        },
        {
            name: "touches-unknown",
            description: "Reads a value that is unknown during preview.",
            enforcementLevel: "mandatory",
            validateResource: (args, reportViolation) => {
                if (args.type === thing) {
                    reportViolation(`pending is ${args.props.pending}`);
                }
            },
        },
        {
            name: "sees-outputs",
            description: "Reports what a stack policy sees.",
            enforcementLevel: "advisory",
            validateStack: (args, reportViolation) => {
                reportViolation(JSON.stringify(args.resources.filter((r) => r.type === thing).map(stackView)));
            },
        },
        {
            name: "sees-config",
            description: "Reports the policy's config.",
            enforcementLevel: "mandatory",
            configSchema: { properties: { limit: { type: "number", default: 3 } } },
            validateStack: (args, reportViolation) => {
                reportViolation(JSON.stringify(args.getConfig()));
            },
        },
    ],
});
