package dev.tierfeed.serving.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hand-written OpenAPI document ({@code openapi.yaml}, served at {@code GET /v1/openapi.yaml})
 * against the code: it is a valid OpenAPI 3 document, and every resource method of every JAX-RS
 * resource class in this package (read through Jersey's own resource model, so class and method
 * {@code @Path}s join as Jersey joins them) is an operation of the document with the same path and
 * query parameters and the same authentication, and every operation of the document is a resource
 * method.
 */
class OpenApiDocumentTest {
    private static OpenAPI document;

    /** An operation as both sides name it, e.g. {@code GET /v1/users/{id}/feed}. */
    private record Endpoint(String method, String path) implements Comparable<Endpoint> {
        @Override
        public int compareTo(Endpoint other) {
            return toString().compareTo(other.toString());
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** What the code says of an endpoint: its path and query parameters, and whether it needs, takes or ignores a token. */
    private record Signature(Set<String> pathParameters, Set<String> queryParameters, String auth) {
    }

    @BeforeAll
    static void parse() throws IOException {
        String yaml;
        try (InputStream in = OpenApiResource.class.getResourceAsStream(OpenApiResource.DOCUMENT)) {
            assertThat(in).as(OpenApiResource.DOCUMENT + " on the classpath").isNotNull();
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(yaml, null, options);
        assertThat(result.getMessages()).as("the parser's complaints about openapi.yaml").isEmpty();
        document = result.getOpenAPI();
        assertThat(document).isNotNull();
        assertThat(document.getOpenapi()).startsWith("3.");
    }

    @Test
    void everyResourceMethodIsDocumentedAndEveryDocumentedOperationExists() throws Exception {
        Map<Endpoint, Signature> code = codeEndpoints();
        Map<Endpoint, Operation> documented = documentedOperations();
        assertThat(code).as("resource methods found in the code").hasSizeGreaterThanOrEqualTo(17);
        assertThat(new TreeSet<>(documented.keySet())).as("operations of openapi.yaml against the resource methods")
                .containsExactlyElementsOf(new TreeSet<>(code.keySet()));
    }

    @Test
    void eachOperationHasTheParametersAndAuthenticationOfItsResourceMethod() throws Exception {
        Map<Endpoint, Signature> code = codeEndpoints();
        Map<Endpoint, Operation> documented = documentedOperations();
        List<String> mismatches = new ArrayList<>();
        for (Map.Entry<Endpoint, Signature> entry : code.entrySet()) {
            Operation operation = documented.get(entry.getKey());
            if (operation == null) {
                continue; // reported by the test above
            }
            Signature fromDocument = new Signature(parameters(entry.getKey(), operation, "path"), parameters(entry.getKey(), operation, "query"),
                    auth(operation.getSecurity() != null ? operation.getSecurity() : document.getSecurity()));
            if (!fromDocument.equals(entry.getValue())) {
                mismatches.add(entry.getKey() + ": code " + entry.getValue() + ", document " + fromDocument);
            }
        }
        assertThat(mismatches).as("operations whose parameters or authentication differ").isEmpty();
    }

    @Test
    void everyOperationAnswersRateLimitingAndDocumentsItsErrorsWithTheErrorSchema() {
        List<String> missing = new ArrayList<>();
        documentedOperations().forEach((endpoint, operation) -> {
            if (!operation.getResponses().containsKey("429")) {
                missing.add(endpoint + " has no 429");
            }
            operation.getResponses().forEach((status, declared) -> {
                ApiResponse response = declared.get$ref() == null ? declared
                        : document.getComponents().getResponses().get(declared.get$ref().substring("#/components/responses/".length()));
                if (status.startsWith("4") || status.startsWith("5")) {
                    boolean errorShape = response.getContent() != null && response.getContent().size() == 1
                            && response.getContent().get("application/json") != null
                            && "#/components/schemas/Error".equals(response.getContent().get("application/json").getSchema().get$ref());
                    if (!errorShape) {
                        missing.add(endpoint + " " + status + " is not an application/json Error");
                    }
                }
            });
        });
        assertThat(missing).isEmpty();
        assertThat(document.getComponents().getSchemas().get("Error").getRequired()).containsExactly("code", "message");
    }

    private static Set<String> parameters(Endpoint endpoint, Operation operation, String in) {
        PathItem item = document.getPaths().get(endpoint.path());
        return Stream.concat(Optional.ofNullable(item.getParameters()).orElse(List.of()).stream(),
                        Optional.ofNullable(operation.getParameters()).orElse(List.of()).stream())
                .filter(p -> in.equals(p.getIn())).map(Parameter::getName).collect(Collectors.toCollection(TreeSet::new));
    }

    /** "required" (a bearer token only), "optional" (none or a bearer token), "none" (public: {@code security: []}). */
    private static String auth(List<SecurityRequirement> security) {
        if (security == null || security.isEmpty()) {
            return "none";
        }
        boolean anonymous = security.stream().anyMatch(Map::isEmpty);
        boolean bearer = security.stream().anyMatch(requirement -> requirement.containsKey("bearerAuth"));
        return bearer ? (anonymous ? "optional" : "required") : "none";
    }

    private static Map<Endpoint, Operation> documentedOperations() {
        Map<Endpoint, Operation> operations = new TreeMap<>();
        document.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, operation) -> operations.put(new Endpoint(method.name(), path), operation)));
        return operations;
    }

    private static Map<Endpoint, Signature> codeEndpoints() throws IOException, URISyntaxException {
        Map<Endpoint, Signature> endpoints = new TreeMap<>();
        for (Class<?> resource : resourceClasses()) {
            collect(Resource.from(resource), "", endpoints);
        }
        return endpoints;
    }

    private static void collect(Resource resource, String parent, Map<Endpoint, Signature> endpoints) {
        String path = join(parent, resource.getPath());
        for (ResourceMethod method : resource.getResourceMethods()) {
            Set<String> pathParameters = new TreeSet<>();
            Set<String> queryParameters = new TreeSet<>();
            String auth = "none";
            for (org.glassfish.jersey.server.model.Parameter parameter : method.getInvocable().getParameters()) {
                if (parameter.getSource() == org.glassfish.jersey.server.model.Parameter.Source.PATH) {
                    pathParameters.add(parameter.getSourceName());
                } else if (parameter.getSource() == org.glassfish.jersey.server.model.Parameter.Source.QUERY) {
                    queryParameters.add(parameter.getSourceName());
                }
                if (parameter.isAnnotationPresent(Auth.class)) {
                    auth = parameter.getRawType() == Optional.class ? "optional" : "required";
                }
            }
            Endpoint endpoint = new Endpoint(method.getHttpMethod(), path);
            assertThat(endpoints.put(endpoint, new Signature(pathParameters, queryParameters, auth))).as("two methods for " + endpoint).isNull();
        }
        for (Resource child : resource.getChildResources()) {
            collect(child, path, endpoints);
        }
    }

    private static String join(String parent, String path) {
        String joined = (parent + "/" + (path == null ? "" : path)).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    /** Every class of this package (the resources' package) annotated with {@code @Path}, read from the compiled classes. */
    private static List<Class<?>> resourceClasses() throws IOException, URISyntaxException {
        java.nio.file.Path folder = Paths.get(OpenApiResource.class.getResource("OpenApiResource.class").toURI()).getParent();
        List<Class<?>> resources = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = Files.list(folder)) {
            for (java.nio.file.Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".class") || name.contains("$")) {
                    continue;
                }
                Class<?> type;
                try {
                    type = Class.forName(OpenApiResource.class.getPackageName() + "." + name.substring(0, name.length() - ".class".length()));
                } catch (ClassNotFoundException e) {
                    throw new AssertionError(e);
                }
                if (type.isAnnotationPresent(Path.class)) {
                    resources.add(type);
                }
            }
        }
        assertThat(resources).as("resource classes in " + folder).contains(OpenApiResource.class, UserResource.class, MediaResource.class);
        return resources;
    }
}
