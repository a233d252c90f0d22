// Preloaded into the processes `dit test` starts (`node --import`): @dit/core (also @dit/core/testing) and @daml/*
// resolve to this CLI's copies, for the tests and for the integration they load, so a project needs no install.
import { registerHostModules } from "./host-modules.js";

registerHostModules();
