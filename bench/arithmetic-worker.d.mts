/** Draws `normals` lognormals and `uniforms` uniforms from run `task`'s stream; returns their sum. */
export declare function variates(task: number, normals: number, uniforms: number): number;
/** `iterations` steps of six independent integer recurrences; returns a checksum. */
export declare function registers(task: number, iterations: number): number;
