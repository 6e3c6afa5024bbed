/** Facts read off EC2 instance type and family names. */

/** `m7i.large` → `m7i`; a family stays as it is. */
function familyOf(instanceTypeOrFamily: string): string {
    return instanceTypeOrFamily.split(".")[0];
}

/** Graviton families carry a `g` right after the generation digit (m7g, c6gn, t4g, im4gn), or are a1. */
export function isGravitonInstanceType(instanceTypeOrFamily: string): boolean {
    const family = familyOf(instanceTypeOrFamily);
    return family === "a1" || /^[a-z]+\d+g/.test(family);
}

/** `m7i` → `m`, `u-6tb1` → `u`, `inf2` → `inf`. */
export function categoryOf(family: string): string {
    return /^[a-z]+/.exec(family)![0];
}

export function generationOf(family: string): number | undefined {
    const match = /^[a-z]+(\d+)/.exec(family);
    return match ? Number(match[1]) : undefined;
}
