package io.pinconv.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pinconv.routes.RouteValidator.RoutesRefused;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each rule of the route check, broken in a small file beside the packaged ones and checked as a reload checks
 * it (text, then what Camel built): the refusal names the file, the line of the step at fault, and why.
 */
class RouteModelCheckTest {

    final RouteValidatorTest harness = new RouteValidatorTest();

    @org.junit.jupiter.api.BeforeEach
    void setUp() {
        harness.setUp();
    }

    @org.junit.jupiter.api.AfterEach
    void tearDown() {
        harness.tearDown();
    }

    void check(String yaml) throws Exception {
        java.util.List<RouteFolder.RouteFile> files = new java.util.ArrayList<>(RouteValidatorTest.packaged());
        files.add(new RouteFolder.RouteFile("edit.yaml", "file:/ops/routes/edit.yaml", yaml));
        harness.validator.validate(files, RouteValidatorTest.TRIGGER);
    }

    /** A route whose steps are {@code steps}, indented as the first step of the list. */
    static String route(String steps) {
        return """
                - route:
                    id: edited
                    from:
                      uri: direct:edited
                      steps:
                """ + steps.indent(8);
    }

    static int lineOf(String yaml, String text) {
        String[] lines = yaml.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + yaml);
    }

    String refused(String yaml) {
        RoutesRefused e = catchThrowableOfType(RoutesRefused.class, () -> check(yaml));
        assertThat(e).as("refused:\n" + yaml).isNotNull();
        return e.getMessage();
    }

    /** Refused at the step of {@code lineText}: Camel records a step's line as that of its first key. */
    void refusedAt(String yaml, String lineText, String... saying) {
        String m = refused(yaml);
        assertThat(m).startsWith("edit.yaml:");
        if (saying.length > 0) {
            assertThat(m).contains(saying);
        }
        int line = Integer.parseInt(m.substring("edit.yaml:".length(), m.indexOf(':', "edit.yaml:".length())));
        assertThat(line).as(m).isBetween(lineOf(yaml, lineText) - 10, lineOf(yaml, lineText) + 4);
    }

    void passes(String yaml) {
        assertThatCode(() -> check(yaml)).doesNotThrowAnyException();
    }

    @Test
    void aRouteOwnErrorHandlerIsRefusedForHawtiosSakeAndARouteConfigurationPasses() {
        refusedAt("""
                - route:
                    id: edited
                    errorHandler:
                      noErrorHandler: {}
                    from:
                      uri: direct:edited
                      steps:
                        - log: "x"
                """, "errorHandler:", "may not have an errorHandler of its own", "routeConfigurationId");
        passes("""
                - route:
                    id: edited
                    routeConfigurationId: no-error-handler
                    from:
                      uri: direct:edited
                      steps:
                        - log: "x"
                """);
    }

    @Test
    void thePackagedRoutesPass() throws Exception {
        assertThatCode(() -> harness.validator.validate(RouteValidatorTest.packaged(), RouteValidatorTest.TRIGGER))
                .doesNotThrowAnyException();
    }

    @Test
    void beansAtTheTopAreRefused() {
        String yaml = """
                - beans:
                    - name: pwned
                      type: java.lang.System
                      factoryMethod: setProperty
                """ + route("- to: direct:x");
        refusedAt(
                yaml,
                "- beans:",
                "'beans' is not allowed at the top of a route file",
                "only route, routeTemplate and routeConfiguration");
        refusedAt("- rest:\n    path: /x\n", "- rest:", "'rest' is not allowed");
        refusedAt("route:\n  id: x\n", "route:", "a route file is a list");
    }

    @Test
    void aRefusalNamesTheRouteAndTheStep() {
        String yaml = route("- bean:\n    id: fetch\n    ref: dataSource");
        assertThat(refused(yaml))
                .isEqualTo(
                        "edit.yaml:" + lineOf(yaml, "- bean:") + ": route 'edited', step 'fetch':"
                                + " bean 'dataSource' is not allowed: it is not one of the service's own beans; name one of the service's"
                                + " own beans (a class of io.pinconv, or an @Bean method of one); write the bean in the service instead");
    }

    @Test
    void springsOwnSingletonsAreNoBeansOfTheService() {
        var beans = ServiceBeans.definitions();
        beans.registerSingleton("systemProperties", System.getProperties());
        OwnBeans own = new OwnBeans(beans);
        assertThat(own.exists("systemProperties")).isTrue();
        assertThat(own.isOwn("systemProperties")).isFalse();
    }

    @Test
    void beansInsideATemplateAreRefused() {
        String yaml = """
                - routeTemplate:
                    id: t
                    beans:
                      - name: pwned
                        type: "#class:java.lang.Runtime"
                    route:
                      from:
                        uri: direct:t
                """;
        refusedAt(yaml, "beans:", "route templates may not make beans");
    }

    @Test
    void endpointsMustUseAnAllowedScheme() {
        refusedAt(
                route("- to: \"file:/etc?fileName=passwd\""),
                "file:/etc",
                "'file:/etc?...'",
                "scheme 'file'",
                "direct, quartz, http, https, log and jdbc:segmentReads");
        refusedAt(route("- to:\n    uri: exec:whoami"), "exec:whoami", "scheme 'exec'");
        refusedAt(route("- toD: language:groovy:1"), "language:groovy", "scheme 'language'");
        refusedAt(route("- wireTap:\n    uri: \"sql:select 1\""), "sql:", "scheme 'sql'");
        refusedAt(route("- to: someEndpointBean"), "someEndpointBean", "names no scheme");
        refusedAt(route("- kamelet: evil"), "kamelet", "kamelets are not allowed");
        refusedAt("""
                - routeConfiguration:
                    errorHandler:
                      deadLetterChannel:
                        deadLetterUri: "file:/tmp/dead"
                """, "deadLetterUri", "scheme 'file'");
        refusedAt("- route:\n    from:\n      uri: \"timer:x\"\n      steps: []\n", "timer:x", "scheme 'timer'");
        passes(route("- to: \"log:chunks?level=INFO\"\n- to: \"https://api.pinterest.com/v5\"\n"
                + "- toD: \"${variable.request.eventsUrl}?throwExceptionOnFailure=false\""));
    }

    @Test
    void jdbcOnlyReadsTheSegmentThroughItsGuardedPool() {
        passes(route("- to: \"jdbc:segmentReads?outputType=StreamList&resetAutoCommit=false&useHeadersAsParameters=true"
                + "&statement.fetchSize=1000\""));
        passes(route("- to:\n    uri: \"jdbc://segmentReads?readSize=10&statement.queryTimeout=60\""));
        // the other pools run any SQL: the state's (the ledger) and the segment's own, unguarded
        refusedAt(route("- to: \"jdbc:dataSource\""), "jdbc:", "may only name segmentReads", "not 'dataSource'");
        refusedAt(
                route("- toD: \"jdbc:segmentDataSource?useHeadersAsParameters=true\""),
                "jdbc:",
                "'jdbc:segmentDataSource?...'",
                "not 'segmentDataSource'");
        // options that would make objects of a class, or swap the strategy that prepares the statement
        refusedAt(
                route("- to: \"jdbc:segmentReads?outputType=SelectOne&outputClass=java.lang.ProcessBuilder\""),
                "jdbc:",
                "the jdbc option 'outputClass' is not allowed");
        refusedAt(
                route("- to: \"jdbc:segmentReads?prepareStatementStrategy=#runLifecycle\""),
                "jdbc:",
                "'prepareStatementStrategy' is not allowed");
        refusedAt(
                route("- to: \"jdbc:segmentReads?statement.fetchSize=1&connectionStrategy=#chunkWorkers\""),
                "jdbc:",
                "'connectionStrategy' is not allowed");
        // its permits are given by the service alone: the pool is not a bean a route may call
        refusedAt(
                route("- setBody:\n    simple: \"${bean:segmentReads?method=permit}\""),
                "simple:",
                "${bean:...} may only call ${bean:requestRefusals?method=halves}");
        refusedAt(
                route("- bean:\n    ref: segmentReads\n    method: getConnection"),
                "ref: segmentReads",
                "bean 'segmentReads' is not allowed");
    }

    @Test
    void uriOptionsMayOnlyReferToTheServicesBeans() {
        refusedAt(
                route("- toD: \"${variable.request.eventsUrl}?headerFilterStrategy=#dataSource\""),
                "toD",
                "headerFilterStrategy=#dataSource",
                "the only bean they may name is headerFilterStrategy=#pinterestHeaderFilter");
        refusedAt(
                route("- to: \"http://x?httpClientConfigurer=#class:com.evil.Configurer\""),
                "to:",
                "httpClientConfigurer=#class");
        refusedAt(
                route("- to: \"http://x?httpClientConfigurer=%23type:com.evil.Configurer\""),
                "to:",
                "httpClientConfigurer=#type");
        passes(route("- toD: \"${variable.request.eventsUrl}?headerFilterStrategy=#pinterestHeaderFilter\""));
    }

    @Test
    void beanReferencesMustNameTheServicesOwnBeans() {
        refusedAt(
                route("- bean:\n    ref: dataSource\n    method: getConnection"),
                "ref: dataSource",
                "bean 'dataSource' is not allowed");
        refusedAt(
                route("- split:\n    simple: \"${body}\"\n    executorService: quartzScheduler"),
                "executorService",
                "bean 'quartzScheduler'");
        refusedAt(
                route("- setBody:\n    simple: \"${bean:dataSource?method=getConnection}\""),
                "simple:",
                "${bean:...} may only call");
        // the allowed call, with a method chained on its result
        refusedAt(
                route("- setBody:\n    simple: \"${bean:requestRefusals?method=halves.class}\""),
                "simple:",
                "is not allowed");
        refusedAt(route("- process:\n    ref: nowhere"), "ref: nowhere", "no bean 'nowhere' exists");
        refusedAt(route("- filter:\n    method: \"dataSource?method=isClosed\""), "method:", "bean 'dataSource'");
        refusedAt(
                route("- filter:\n    method: \"java.lang.Runtime?method=getRuntime\""),
                "method:",
                "java.lang.Runtime");
        refusedAt("""
                - routeConfiguration:
                    errorHandler:
                      defaultErrorHandler:
                        onExceptionOccurredRef: quartzScheduler
                """, "onExceptionOccurredRef", "bean 'quartzScheduler'");
        // declared by the service, yet its pools, JDBC templates and logins are off limits
        refusedAt(
                route("- bean:\n    ref: jdbcTemplate\n    method: queryForList"),
                "ref: jdbcTemplate",
                "bean 'jdbcTemplate' is not allowed");
        refusedAt(
                route("- bean:\n    ref: segmentJdbc\n    method: queryForList"),
                "ref: segmentJdbc",
                "bean 'segmentJdbc' is not allowed");
        refusedAt(
                route("- setBody:\n    simple: \"${bean:segmentDataSource?method=getConnection}\""),
                "simple:",
                "${bean:...} may only call");
        refusedAt(
                route("- bean:\n    ref: loginAttempts\n    method: waitFor"),
                "ref: loginAttempts",
                "bean 'loginAttempts' is not allowed");
        refusedAt(
                route("- setBody:\n    method:\n      ref: sources\n      method: probeAll"),
                "ref: sources",
                "bean 'sources' is not allowed");
        passes(route(
                "- split:\n    simple: \"${bean:requestRefusals?method=halves}\"\n    executorService: chunkWorkers\n"
                        + "    steps:\n      - bean:\n          ref: outcomeRecorder\n          method: record"));
    }

    @Test
    void classesOutsideTheServiceAreRefused() {
        refusedAt(
                route("- bean:\n    beanType: java.lang.Runtime\n    method: getRuntime"),
                "beanType",
                "class 'java.lang.Runtime' is not allowed");
        refusedAt(
                route("- setBody:\n    method:\n      beanType: java.lang.ProcessBuilder\n      method: start"),
                "beanType",
                "class 'java.lang.ProcessBuilder'");
        refusedAt(
                route("- throwException:\n    exceptionType: com.evil.Boom\n    message: x"),
                "exceptionType",
                "class 'com.evil.Boom'");
        passes(route("- convertBodyTo:\n    type: java.lang.String"));
        passes("""
                - routeConfiguration:
                    onException:
                      - onException:
                          exception:
                            - java.io.IOException
                          steps:
                            - to: direct:x
                """);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "groovy: \"1 + 1\"",
                "spel: \"#{1}\"",
                "ognl: x",
                "mvel: x",
                "js: x",
                "python: x",
                "joor: x",
                "java: x",
                "xpath: /x",
                "xquery: x",
                "datasonnet: x",
                "jsonpath: $.x",
                "ref: someExpression"
            })
    void languagesThatRunCodeAreRefused(String expression) {
        String yaml = route("- setBody:\n    " + expression);
        String language = expression.substring(0, expression.indexOf(':'));
        refusedAt(yaml, expression, "the '" + language + "' language is not allowed", "use simple, constant, method");
    }

    @Test
    void theGenericLanguageNeedsAnAllowedName() {
        refusedAt(
                route("- setBody:\n    language:\n      language: groovy\n      expression: \"1\""),
                "language: groovy",
                "the 'groovy' language is not allowed");
        passes(route("- setBody:\n    language:\n      language: simple\n      expression: \"${body}\""));
    }

    @Test
    void conversionsGoToValueClassesOnly() {
        refusedAt(
                route("- setBody:\n    simple: \"${bodyAs(java.io.File)}\""),
                "simple:",
                "conversions may only be to a value class");
        refusedAt(
                route("- setBody:\n    simple: \"${convertTo(${body}, java.nio.file.Path)}\""),
                "simple:",
                "conversions may only be to a value class");
        refusedAt(
                route("- setBody:\n    simple: \"${mandatoryBodyAs(java.net.URL)}\""),
                "simple:",
                "conversions may only be to a value class");
        passes(
                route(
                        "- setBody:\n    simple: \"${bodyAs(String)} ${headerAs(x, Integer)} ${bodyAs(java.math.BigDecimal)}\""));
    }

    @Test
    void anchorsAndAliasesAreRefused() {
        refusedAt("""
                - route:
                    id: edited
                    from:
                      uri: direct:x
                      steps:
                        - to: &sink "http://h?httpClientConfigurer=#environment"
                        - to: *sink
                """, "&sink", "YAML anchors (&name) are not allowed");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "${sysenv.HOME}",
                "${file:name}",
                "${camelContext}",
                "${messageHistory}",
                "${sysenv:HOME}",
                "${env:HOME}",
                "${env.HOME}",
                "${sys.user.home}",
                "${properties:conversions.destinations.x.access-token}",
                "${propertiesExist:x}",
                "${camelContext.name}",
                "${exchange.context.registry}",
                "${exchange}",
                "${ref:dataSource}",
                "${type:java.lang.System.out}",
                "${body.class.name}",
                "${body.getClass().getName()}",
                "${header.x.forName}",
                "${bean:outcomeRecorder?method=record(${sysenv.HOME})}",
                "${body.next.ids.resultSet.statement.connection}",
                "${body.next[ids].getResultSet().getStatement().getConnection().createStatement()}",
                "${body.metaData}"
            })
    void simpleFunctionsThatReadOutsideTheExchangeAreRefused(String function) {
        String yaml = route("- setVariable:\n    name: v\n    simple: \"" + function + "\"");
        refusedAt(yaml, "simple:");
        assertThat(refused(yaml))
                .containsAnyOf(
                        "is not allowed: simple expressions in route files may read", "${bean:...} may only call");
    }

    @Test
    void simpleFunctionsOnTheExchangeStay() {
        passes(route("- setVariable:\n    name: v\n    simple: \"${body} ${header.x} ${exchangeProperty.y}"
                + " ${exchangeId} ${variable.classification} ${bodyAs(String)}\""));
    }

    @Test
    void placeholdersAreTemplateParametersOnly() {
        // Camel resolves them in the check's context, where only template parameters are: the settings, the
        // environment and the functions are not found
        refusedAt(
                route("- setBody:\n    constant: \"{{spring.datasource.password}}\""),
                "constant:",
                "Property with key [spring.datasource.password] not found");
        // with no functions, env:HOME reads as the name env with the default HOME: the literal text, never the
        // environment
        passes(route("- setBody:\n    constant: \"{{env:HOME}} {{x:{{sys:user.home}}}}\""));
        refusedAt(route("- setBody:\n    constant: \"{{undeclared}}\""), "constant:", "[undeclared] not found");
        // a template that declares a name does not make it resolvable outside its own routes
        refusedAt(
                """
                - routeTemplate:
                    id: dummy
                    parameters:
                      - name: PINTEREST_ACCESS_TOKEN
                    route:
                      from:
                        uri: direct:dummy
                        steps:
                          - log: "x"
                """ + route("- setBody:\n    constant: \"{{PINTEREST_ACCESS_TOKEN}}\""),
                "{{PINTEREST_ACCESS_TOKEN}}",
                "[PINTEREST_ACCESS_TOKEN] not found");
        passes("""
                - routeTemplate:
                    id: t
                    parameters:
                      - name: activationId
                    route:
                      from:
                        uri: "quartz:a/{{activationId}}"
                        steps:
                          - setVariable:
                              name: activation
                              constant: "{{activationId}}"
                """);
    }

    @Test
    void logLinesMayNotShowTheBodyHeadersOrVariables() {
        refusedAt(
                route("- log: \"chunk of ${body.size} rows\""),
                "- log:",
                "the log message shows ${body.size}",
                "may not show the body, headers or variables");
        refusedAt(
                route("- log:\n    id: l\n    message: \"token ${header.Authorization}\""),
                "message:",
                "${header.Authorization}");
        refusedAt(route("- log: \"${variable.events}\""), "- log:", "${variable.events}");
        refusedAt(route("- log: \"${headers}\""), "- log:", "${headers}");
        passes(route("- log: \"run ${variable.run.id} of ${variable.activation} in ${routeId} (${exchangeId})"
                + " at ${date:now:yyyy-MM-dd} answered ${header.CamelHttpResponseCode}\""));
    }

    @Test
    void optionsThatLogExchangesAreRefused() {
        refusedAt(
                "- route:\n    trace: true\n    from:\n      uri: direct:x\n      steps: []\n",
                "trace",
                "'trace: true'");
        refusedAt(
                "- route:\n    logMask: false\n    from:\n      uri: direct:x\n      steps: []\n",
                "logMask",
                "'logmask: false'");
    }

    @Test
    void objectsAndFilesCannotBeReachedOtherwise() {
        refusedAt(route("- setBody:\n    simple: \"resource:file:/etc/passwd\""), "resource:", "may not load text");
        refusedAt(route("- setBody:\n    constant: !evil x"), "constant:", "the YAML tag '!evil' is not allowed");
        refusedAt(route("- setBody:\n    constant: !!java.lang.Runtime x"), "constant:", "tag");
        refusedAt(route("- unmarshal:\n    jackson:\n      unmarshalType: io.pinconv.X"), "jackson:", "jackson");
        refusedAt(route("- marshal:\n    json:\n      library: Jackson"), "marshal", "'marshal' is not allowed");
    }

    static String unmarshal(String jsonOptions) {
        return route("- unmarshal:\n    id: parse\n    json:\n" + jsonOptions.indent(6));
    }

    @Test
    void unmarshalTakesJsonWithJacksonIntoPinterestAnswersOnly() {
        passes(unmarshal("library: Jackson\nunmarshalType: io.pinconv.pinterest.EventsAnswer"));
        refusedAt(
                unmarshal("library: Jackson\nunmarshalType: io.pinconv.delivery.DryRunSink"),
                "unmarshalType",
                "answers are read into classes of io.pinconv.pinterest.*");
        refusedAt(unmarshal("library: Jackson\nunmarshalType: java.util.HashMap"), "unmarshalType", "is not allowed");
        refusedAt(
                unmarshal("library: Gson\nunmarshalType: io.pinconv.pinterest.EventsAnswer"),
                "json:",
                "library: Jackson");
        refusedAt(unmarshal("library: Jackson"), "json:", "unmarshalType 'null' is not allowed");
        refusedAt(
                unmarshal(
                        "library: Jackson\nunmarshalType: io.pinconv.pinterest.EventsAnswer\nallowUnmarshallType: true"),
                "allowUnmarshallType",
                "a header would name the class");
        refusedAt(
                unmarshal(
                        "library: Jackson\nunmarshalType: io.pinconv.pinterest.EventsAnswer\nmoduleClassNames: x.Evil"),
                "moduleClassNames",
                "only library and unmarshalType may be set");
        refusedAt(
                unmarshal("library: Jackson\nunmarshalType: io.pinconv.pinterest.PolymorphicAnswer"),
                "unmarshalType",
                "polymorphic type id");
        refusedAt(
                unmarshal("library: Jackson\nunmarshalType: io.pinconv.pinterest.Nowhere"),
                "unmarshalType",
                "no such class");
        refusedAt(route("- unmarshal:\n    avro: {}"), "avro", "only the json data format is allowed");
        assertThat(refused(route("- unmarshal: json"))).startsWith("edit.yaml: Camel cannot read this file");
    }

    static String breaker(String config, String more) {
        return route("- circuitBreaker:\n    id: breaker\n"
                + (config == null ? "" : "    resilience4jConfiguration:\n" + config.indent(6))
                + "    steps:\n      - to: direct:call\n" + more);
    }

    @Test
    void aCircuitBreakerMustFailLoudly() {
        passes(breaker("failureRateThreshold: 50\nthrowExceptionWhenHalfOpenOrOpenState: true", ""));
        refusedAt(
                breaker("failureRateThreshold: 50", ""),
                "resilience4jConfiguration",
                "with throwExceptionWhenHalfOpenOrOpenState: true");
        refusedAt(
                breaker("throwExceptionWhenHalfOpenOrOpenState: false", ""),
                "resilience4jConfiguration",
                "throwExceptionWhenHalfOpenOrOpenState: true");
        refusedAt(breaker(null, ""), "circuitBreaker", "needs its settings in resilience4jConfiguration");
        refusedAt(
                breaker("throwExceptionWhenHalfOpenOrOpenState: true\nignoreExceptions:\n  - java.lang.Exception", ""),
                "ignoreExceptions",
                "ignoreExceptions");
        refusedAt(
                breaker("throwExceptionWhenHalfOpenOrOpenState: true\nrecordExceptions:\n  - java.io.IOException", ""),
                "recordExceptions",
                "recordExceptions");
        refusedAt(
                breaker(
                        "throwExceptionWhenHalfOpenOrOpenState: true",
                        "    onFallback:\n      steps:\n        - setBody:\n            constant: sent\n"),
                "onFallback",
                "an onFallback that does not end with throwException is not allowed");
        passes(breaker(
                "throwExceptionWhenHalfOpenOrOpenState: true",
                "    onFallback:\n      steps:\n"
                        + "        - throwException:\n            exceptionType: io.pinconv.pinterest.TransientDeliveryException\n"
                        + "            message: breaker\n"));
        refusedAt(
                route(
                        "- circuitBreaker:\n    resilience4jConfiguration:\n      throwExceptionWhenHalfOpenOrOpenState: true\n"
                                + "    steps:\n      - to: direct:call"),
                "circuitBreaker",
                "needs an id");
        refusedAt(
                route("- circuitBreaker:\n    id: b\n    configuration: shared\n    steps:\n      - to: direct:call"),
                "configuration",
                "needs its settings in resilience4jConfiguration");
        refusedAt(
                route("- circuitBreaker:\n    id: b\n    faultToleranceConfiguration:\n      timeoutEnabled: true\n"
                        + "    steps:\n      - to: direct:call"),
                "faultToleranceConfiguration",
                "needs its settings in resilience4jConfiguration");
    }

    @Test
    void aYamlErrorNamesTheLine() {
        String yaml = route("- to: [direct:x");
        assertThat(refused(yaml)).startsWith("edit.yaml:");
    }
}
