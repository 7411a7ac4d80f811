package dev.tierfeed.serving.resources.params;

import io.dropwizard.jersey.validation.JerseyParameterNameProvider;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Type;

/**
 * Makes the API's parameters from what the client sent, empty included. Dropwizard's own
 * converter swaps an empty value ({@code ?limit=}) for the {@code @DefaultValue}, so a value the
 * API describes as invalid would be served as if it were absent; here only an absent parameter
 * takes the default (Jersey's rule) and an empty one is parsed, and refused, like any other.
 */
@Priority(Priorities.USER - 100)
public final class ApiParamConverters implements ParamConverterProvider {
    @Override
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        if (!ApiParam.class.isAssignableFrom(rawType)) {
            return null;
        }
        String name = JerseyParameterNameProvider.getParameterNameFromAnnotations(annotations).orElse("Parameter");
        try {
            return new Converter<>(rawType.getConstructor(String.class, String.class), name);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(rawType + " needs a (String input, String name) constructor", e);
        }
    }

    private record Converter<T>(Constructor<T> constructor, String name) implements ParamConverter<T> {
        @Override
        public T fromString(String value) {
            try {
                return constructor.newInstance(value, name);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof WebApplicationException refused) {
                    throw refused;
                }
                throw new IllegalStateException(e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String toString(T value) {
            return value.toString();
        }
    }
}
