package dev.genesis.coordinator.metrics;

import static io.restassured.RestAssured.given;

import dev.genesis.common.testing.PrometheusScrape;

/** The coordinator's own samples on /q/metrics: every lookup requires its service tag. */
public final class Metrics {

    private Metrics() {
    }

    public static PrometheusScrape scrape() {
        return PrometheusScrape.of(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .withLabel("service", "coordinator-service");
    }
}
