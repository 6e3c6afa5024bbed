import * as pulumi from "@pulumi/pulumi";
import { Check } from "./schema";
import { ValidationError } from "./problems";

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
