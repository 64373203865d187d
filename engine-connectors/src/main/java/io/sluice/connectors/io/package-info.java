/** Unsynchronized stream helpers shared by the connectors (internal; no compatibility promise). */
package io.sluice.connectors.io;
