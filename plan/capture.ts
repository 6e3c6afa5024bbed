import * as pulumi from "@pulumi/pulumi";

/** One resource registration, as the engine would record it. */
export interface CapturedResource {
    urn: string;
    type: string;
    name: string;
    custom: boolean;
    /** A remote (multi-language) component such as `eks:index:Cluster`. */
    remote: boolean;
    id?: string;
    parent?: string;
    /** Provider reference `urn::id`, as the engine passes it. */
    provider?: string;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
    /** Inputs as the engine receives them; secrets are `{[sig]: secretSig, value}` wrappers. */
    inputs: Record<string, unknown>;
}

interface RegisterRequest {
    getType(): string;
    getName(): string;
    getCustom(): boolean;
    getRemote(): boolean;
    getParent(): string;
    getProvider(): string;
    getDependenciesList(): string[];
    getPropertydependenciesMap(): { forEach(fn: (value: { getUrnsList(): string[] }, key: string) => void): void };
    getObject(): unknown;
}

interface RegisterResponse {
    getUrn(): string;
    getId(): string;
}

type Callback = (err: Error | null, response?: RegisterResponse) => void;

interface PatchableMonitor {
    registerResource(req: RegisterRequest, callback: Callback): void;
}

/**
 * Records every registration the program makes by wrapping the mock monitor: the mocks API alone
 * sees no parents or dependencies, which the plan's tree, graph and stack policies need.
 */
export function captureRegistrations(): CapturedResource[] {
    const monitor = pulumi.runtime.getMonitor() as unknown as PatchableMonitor | undefined;
    if (!monitor) {
        throw new Error("captureRegistrations must be called after pulumi.runtime.setMocks");
    }
    const captured: CapturedResource[] = [];
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, callback) => {
        const propertyDependencies: Record<string, string[]> = {};
        req.getPropertydependenciesMap().forEach((deps, key) => {
            propertyDependencies[key] = deps.getUrnsList();
        });
        register(req, (err, response) => {
            if (!err && response) {
                captured.push({
                    urn: response.getUrn(),
                    type: req.getType(),
                    name: req.getName(),
                    custom: req.getCustom(),
                    remote: req.getRemote(),
                    id: response.getId() || undefined,
                    parent: req.getParent() || undefined,
                    provider: req.getProvider() || undefined,
                    dependencies: req.getDependenciesList(),
                    propertyDependencies,
                    inputs: pulumi.runtime.deserializeProperties(req.getObject() as never),
                });
            }
            callback(err, response);
        });
    };
    return captured;
}
