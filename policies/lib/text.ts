/**
 * Text the pack and the plan print: ordered and formatted the same on every machine, whatever its
 * locale, and without ICU, whose first use (a collator, a number format) costs a plan more CPU
 * time than the sorting and the cost report it serves.
 */

/** Orders strings by UTF-16 code units, as `Array.prototype.sort` does by default; for use in comparators. */
export function compareText(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Dollars as the pack and the plan print them: cents from $1 up ("$5,477.22"), three significant
 * digits below ("$0.045", "$0.10"). Cents are rounded half away from zero on the shortest decimal
 * that reads back as the amount, as `toLocaleString("en-US")` rounds them ($2.305 is $2.31, and
 * 2.3049999999999997, which prints as such, is $2.30).
 */
export function usd(amount: number): string {
    if (amount === Infinity) {
        return "$∞";
    }
    if (amount >= 1 || amount === 0) {
        // From 10^21 up, the shortest decimal is in exponent notation ("3.5e+25"), and a whole number.
        const [mantissa, exponent] = String(amount).split("e+");
        const [whole, fraction = ""] = exponent === undefined ? mantissa.split(".") : [mantissa.replace(".", "").padEnd(Number(exponent) + 1, "0")];
        const cents = BigInt(whole) * 100n + BigInt(fraction.slice(0, 2).padEnd(2, "0")) + (fraction[2] >= "5" ? 1n : 0n);
        const dollars = String(cents / 100n).replace(/\B(?=(\d{3})+$)/g, ",");
        return `$${dollars}.${String(cents % 100n).padStart(2, "0")}`;
    }
    const digits = String(Number(amount.toPrecision(3)));
    const decimals = digits.split(".")[1]?.length ?? 0;
    return `$${decimals < 2 ? Number(digits).toFixed(2) : digits}`;
}
