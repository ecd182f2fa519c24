/** Draws `normals` lognormals and `uniforms` uniforms from run `task`'s stream; returns their sum. */
export declare function variates(task: number, normals: number, uniforms: number): number;
