# Build stage: compile and package the runnable jar (tests run in CI, against PostgreSQL).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY routes routes
RUN mvn -B -q package -DskipTests

# Run stage: a JRE and the jar, as an unprivileged user.
FROM eclipse-temurin:17-jre
RUN groupadd --system conversions && useradd --system --gid conversions --home-dir /app conversions
WORKDIR /app
COPY --from=build /src/target/pinterest-conversions.jar /app/pinterest-conversions.jar
COPY config /app/config-examples
# the demo's PostgreSQL keeps its data here (mount a volume to keep it); PostgreSQL runs as this user, never root
ENV CONVERSIONS_DEMO_DATA_DIR=/app/data/demo-db
RUN mkdir -p /app/data && chown conversions:conversions /app/data
VOLUME /app/data
USER conversions
EXPOSE 8080
# Mount your configuration at /app/config/application.yml (Spring Boot reads ./config/ by itself)
# and pass secrets as environment variables, e.g. -e PINTEREST_ACCESS_TOKEN=... Without a configuration
# the demo runs, listening on the container's loopback only: its login (demo/demo) is public.
# A source's driver that is not in the jar (DuckDB, Snowflake, BigQuery, Redshift, Databricks, MySQL's own) goes in
# a folder mounted at /app/drivers: then the jar starts through PropertiesLauncher with that folder on the class
# path; without one, through plain java -jar, which costs less CPU per event (docs/sources.md, Drivers).
ENTRYPOINT ["sh", "-c", "if ls /app/drivers/*.jar > /dev/null 2>&1; then exec java -XX:MaxRAMPercentage=75 -Dloader.path=/app/drivers/ -cp /app/pinterest-conversions.jar org.springframework.boot.loader.launch.PropertiesLauncher \"$@\"; else exec java -XX:MaxRAMPercentage=75 -jar /app/pinterest-conversions.jar \"$@\"; fi", "--"]
