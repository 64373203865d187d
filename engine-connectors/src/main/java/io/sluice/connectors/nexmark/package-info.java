/**
 * The NEXMark auction events ({@link io.sluice.connectors.nexmark.Person},
 * {@link io.sluice.connectors.nexmark.Auction}, {@link io.sluice.connectors.nexmark.Bid}) as read and written
 * by the {@code gen:nexmark} generator and the NEXMark jobs. Their JSON form is the contract of design.md §6.
 */
package io.sluice.connectors.nexmark;
