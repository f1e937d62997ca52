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
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/pinterest-conversions.jar"]
