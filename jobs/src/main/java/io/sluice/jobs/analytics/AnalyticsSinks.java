package io.sluice.jobs.analytics;

import io.sluice.api.connector.Sink;
import io.sluice.connectors.clickstream.Click;
import io.sluice.jobs.analytics.UserAnalytics.ActiveUsers;
import io.sluice.jobs.analytics.UserAnalytics.CountryUsers;
import io.sluice.jobs.analytics.UserAnalytics.ErrorAlert;
import io.sluice.jobs.analytics.UserAnalytics.Funnel;
import io.sluice.jobs.analytics.UserAnalytics.Revenue;
import io.sluice.jobs.analytics.UserAnalytics.Session;
import io.sluice.jobs.analytics.UserAnalytics.TopPages;
import java.util.Objects;

/**
 * Where each result stream of {@link UserAnalytics} goes; the job parameter of each is named in brackets.
 *
 * @param sessions     one record per closed session ({@code -p sessions=URI})
 * @param activeUsers  distinct users per minute over all countries ({@code -p active-users=URI})
 * @param countryUsers distinct users per minute and country ({@code -p country-users=URI})
 * @param topPages     the ten most viewed pages per minute ({@code -p top-pages=URI})
 * @param funnel       view → cart → purchase conversion per five minutes ({@code -p funnel=URI})
 * @param revenue      purchases and their sum per minute ({@code -p revenue=URI})
 * @param alerts       a country-minute whose error rate exceeded the threshold ({@code -p alerts=URI})
 * @param late         clicks that arrived after the watermark had passed them, unchanged ({@code -p late=URI})
 */
public record AnalyticsSinks(Sink<Session> sessions, Sink<ActiveUsers> activeUsers, Sink<CountryUsers> countryUsers,
                             Sink<TopPages> topPages, Sink<Funnel> funnel, Sink<Revenue> revenue,
                             Sink<ErrorAlert> alerts, Sink<Click> late) {

    public static final String SESSIONS = "sessions";
    public static final String ACTIVE_USERS = "active-users";
    public static final String COUNTRY_USERS = "country-users";
    public static final String TOP_PAGES = "top-pages";
    public static final String FUNNEL = "funnel";
    public static final String REVENUE = "revenue";
    public static final String ALERTS = "alerts";
    public static final String LATE = "late";

    public AnalyticsSinks {
        Objects.requireNonNull(sessions, SESSIONS);
        Objects.requireNonNull(activeUsers, ACTIVE_USERS);
        Objects.requireNonNull(countryUsers, COUNTRY_USERS);
        Objects.requireNonNull(topPages, TOP_PAGES);
        Objects.requireNonNull(funnel, FUNNEL);
        Objects.requireNonNull(revenue, REVENUE);
        Objects.requireNonNull(alerts, ALERTS);
        Objects.requireNonNull(late, LATE);
    }
}
