/**
 * Provenance for a catalog number: where it was read and when.
 *
 * Every tier limit, price and region fact in acrkit carries one of these so that
 * a reader of a report can check the figure against its source.
 */
export interface Source {
  /** Short citation: repository and path, or a URL. */
  readonly ref: string;
  /** Date the source was read or last changed (ISO-8601 date). */
  readonly asOf: string;
  /**
   * Whether the figure is stated by Microsoft (docs or API) or only by a secondary source.
   * @default true
   */
  readonly confirmed?: boolean;
  /**
   * A caveat that a reader should know before relying on the figure.
   * @default - none
   */
  readonly note?: string;
}

/** A value together with the source it came from. */
export interface Fact<T> {
  /** The value. */
  readonly value: T;
  /** Where the value was read. */
  readonly source: Source;
}

/** Builds a {@link Fact}. */
export function fact<T>(value: T, source: Source): Fact<T> {
  return { value, source };
}

/** Microsoft's ACR docs (MicrosoftDocs/azure-management-docs @ d923d5889, 2026-08-20). */
export function amd(file: string, note?: string): Source {
  return {
    ref: `MicrosoftDocs/azure-management-docs articles/container-registry/${file}`,
    asOf: '2026-08-20',
    confirmed: true,
    ...(note ? { note } : {}),
  };
}

/** The current ACR tier table include (ms.date 2026-02-10). */
export const INC_2026: Source = {
  ref: 'container-registry-limits.md include (ms.date 02/10/2026), rendered at docs.azure.cn container-registry-skus',
  asOf: '2026-02-10',
  confirmed: true,
};

/** hashicorp/terraform-provider-azurerm v4.81.0. */
export function tf(path: string): Source {
  return { ref: `hashicorp/terraform-provider-azurerm v4.81.0 ${path}`, asOf: '2026-07-14', confirmed: true };
}
