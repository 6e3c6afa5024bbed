import * as assert from "node:assert/strict";
import { KarpenterCluster, KarpenterClusterArgs } from "../../components";
import { CapturedResource } from "../../plan/capture";
import { EngineStateOptions, toEngineState } from "../../plan/engineState";
import { defaultMockEnvironment } from "../../plan/mocks";
import { runProgram } from "../../plan/runProgram";

/** What a program registered under mocks, with lookups by type and name. */
export class RegisteredStack {
    constructor(
        public readonly resources: CapturedResource[],
        public readonly errors: Error[],
        private readonly stateOptions: EngineStateOptions,
    ) {}

    /** The engine's state: with the children remote components' providers register and the default providers. */
    engineState(): CapturedResource[] {
        return toEngineState(this.resources, this.stateOptions);
    }

    ofType(type: string): CapturedResource[] {
        return this.resources.filter((r) => r.type === type);
    }

    /** The one resource of `type` (named `name` when given); fails the test otherwise. */
    one(type: string, name?: string): CapturedResource {
        const matches = this.ofType(type).filter((r) => name === undefined || r.name === name);
        assert.equal(matches.length, 1, `expected one ${type}${name ? ` named ${name}` : ""}, found ${matches.map((r) => r.name).join(", ") || "none"}`);
        return matches[0];
    }

    /** The one resource named `name`, whatever its type. */
    byName(name: string): CapturedResource {
        const matches = this.resources.filter((r) => r.name === name);
        assert.equal(matches.length, 1, `expected one resource named ${name}, found ${matches.map((r) => r.type).join(", ") || "none"}`);
        return matches[0];
    }

    has(name: string): boolean {
        return this.resources.some((r) => r.name === name);
    }

    /** URNs `resource` depends on, directly or through any of its properties. */
    dependenciesOf(resource: CapturedResource): Set<string> {
        return new Set([...resource.dependencies, ...Object.values(resource.propertyDependencies).flat()]);
    }

    dependsOn(dependent: string, dependency: string): boolean {
        return this.dependenciesOf(this.byName(dependent)).has(this.byName(dependency).urn);
    }
}

/** Registers `new KarpenterCluster(name, args)` under the realistic mocks. */
export async function registerCluster(args: KarpenterClusterArgs, name = "test", region = defaultMockEnvironment.region): Promise<RegisteredStack> {
    const options: EngineStateOptions = { project: "karpenter-cluster", stack: "test", config: { "aws:region": region }, env: { ...defaultMockEnvironment, region }, firstPreview: false };
    const run = await runProgram({ ...options, program: () => new KarpenterCluster(name, args) });
    return new RegisteredStack(run.resources, run.errors, options);
}

/** Parses a JSON policy document input. */
export function policyOf(resource: CapturedResource, key: string): { Statement: Record<string, any>[] } {
    const value = resource.inputs[key];
    assert.equal(typeof value, "string", `${resource.name}.${key} is not a JSON string`);
    return JSON.parse(value as string);
}
