/** The clickstream event {@link io.sluice.connectors.clickstream.Click} of the user-analytics jobs (design.md §7). */
package io.sluice.connectors.clickstream;
