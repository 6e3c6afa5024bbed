import * as pulumi from "@pulumi/pulumi";

/**
 * Records the provider functions (invokes) a program calls, in call order, as it runs under
 * mocks. In a real preview each is a network round trip to the cloud, made before the resources
 * that need its answer can be planned. Pass {@link InvokeRecorder.wrap} as a plan's `wrapMocks`.
 */
export class InvokeRecorder {
    /** Type tokens of the calls, e.g. `aws:index/getCallerIdentity:getCallerIdentity`. */
    readonly tokens: string[] = [];

    /** Mocks that answer as `mocks` do, recording each call first. */
    readonly wrap = (mocks: pulumi.runtime.Mocks): pulumi.runtime.Mocks => ({
        newResource: (args) => mocks.newResource(args),
        call: (args) => {
            this.tokens.push(args.token);
            return mocks.call(args);
        },
    });
}
