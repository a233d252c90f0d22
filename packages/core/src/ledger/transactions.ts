// What the stream supervisor hands the dispatcher: de-duplicated events, archives with the contract remembered.
import type { ActiveContract } from "./types.js";

export type FlowEvent =
  | { readonly kind: "created"; readonly contract: ActiveContract }
  | { readonly kind: "archived"; readonly contractId: string; readonly templateId: string;
      /** The contract as created, if this process saw the create (sweep or flow). */
      readonly contract: ActiveContract | undefined };

/** The events of one stream message after the live marker: one offset, one transaction as handlers see it. */
export interface FlowTransaction {
  readonly offset: string | null;
  readonly events: readonly FlowEvent[];
}
