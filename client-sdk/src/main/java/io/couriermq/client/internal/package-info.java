/**
 * The implementation of the client API; not for use by applications.
 *
 * <p>Layers, bottom up: {@link io.couriermq.client.internal.ClientThreads} and the channel pool; {@link
 * io.couriermq.client.internal.Rpc} (calls with deadlines and the protocol's headers); {@link
 * io.couriermq.client.internal.ClientRuntime} (routes, Telemetry sessions, heartbeats, termination), which every
 * client owns one of and configures with its {@link io.couriermq.client.internal.ClientRole}; and on top the
 * producer's and consumers' own classes.
 */
package io.couriermq.client.internal;
