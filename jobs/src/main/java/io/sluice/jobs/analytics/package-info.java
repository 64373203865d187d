/**
 * {@code user-analytics}, the main job ({@link io.sluice.jobs.analytics.UserAnalytics}): sessions, active users,
 * top pages, funnel, revenue and error alerts of a clickstream, each to its own sink. The dataflow is
 * {@link io.sluice.jobs.analytics.AnalyticsPipeline}; {@code live} holds the built-in demo (generator → Chronicle
 * queue → job → live terminal view).
 */
package io.sluice.jobs.analytics;
