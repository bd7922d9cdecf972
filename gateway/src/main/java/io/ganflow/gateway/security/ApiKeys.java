package io.ganflow.gateway.security;

import io.ganflow.events.Placeholders;
import io.ganflow.events.Sha256;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which role a presented key has. Keys come as {@code Authorization: Bearer KEY}, {@code X-API-Key: KEY}, or the
 * {@code ganflow-key} cookie the web UI sets (images and event streams in a page cannot carry headers). Only their
 * SHA-256 digests are kept, compared in constant time.
 */
@ApplicationScoped
@Startup // made as the gateway starts, so that it refuses to start without real keys
public class ApiKeys {

    public static final String COOKIE = "ganflow-key";
    public static final String HEADER = "X-API-Key";

    private final Map<String, Role> roleByDigest = new LinkedHashMap<>();

    public ApiKeys(ApiKeyConfig config) {
        List<String> operators = config.operatorKeys().orElse(List.of());
        if (operators.stream().allMatch(String::isBlank)) {
            throw new IllegalStateException("no operator API key: set GAN_OPERATOR_KEYS (and GAN_READER_KEYS for "
                    + "read-only clients), comma-separated; ./gan up makes local ones");
        }
        operators.forEach(key -> Placeholders.refuse("an operator key of GAN_OPERATOR_KEYS", key));
        config.readerKeys().orElse(List.of()).forEach(key -> Placeholders.refuse("a key of GAN_READER_KEYS", key));
        config.readerKeys().orElse(List.of()).forEach(key -> add(key, Role.READER));
        operators.forEach(key -> add(key, Role.OPERATOR));
    }

    private void add(String key, Role role) {
        if (!key.isBlank()) {
            roleByDigest.put(Sha256.hex(key.trim().getBytes(StandardCharsets.UTF_8)), role);
        }
    }

    /** The role of the key presented with a request; empty when none was presented or it is not a key of ours. */
    public Optional<Role> roleOf(Optional<String> presentedKey) {
        if (presentedKey.isEmpty()) {
            return Optional.empty();
        }
        byte[] digest =
                Sha256.hex(presentedKey.get().getBytes(StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        Role found = null;
        for (Map.Entry<String, Role> known : roleByDigest.entrySet()) {
            if (MessageDigest.isEqual(digest, known.getKey().getBytes(StandardCharsets.UTF_8))) {
                found = known.getValue();
            }
        }
        return Optional.ofNullable(found);
    }

    /** A key as a request presented it: in a header, or in the web UI's cookie (which any site can make a browser send). */
    public record Presented(String key, boolean fromCookie) {}

    /** The key a request carries, by header or cookie. */
    public static Optional<String> presentedKey(HttpHeaders headers) {
        return presented(headers::getHeaderString, headers.getCookies()).map(Presented::key);
    }

    public static Optional<Presented> presented(ContainerRequestContext request) {
        return presented(request::getHeaderString, request.getCookies());
    }

    private static Optional<Presented> presented(Function<String, String> header, Map<String, Cookie> cookies) {
        String authorization = header.apply(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(new Presented(authorization.substring(7).trim(), false));
        }
        String apiKey = header.apply(HEADER);
        if (apiKey != null && !apiKey.isBlank()) {
            return Optional.of(new Presented(apiKey.trim(), false));
        }
        Cookie cookie = cookies.get(COOKIE);
        return cookie == null || cookie.getValue().isBlank()
                ? Optional.empty()
                : Optional.of(new Presented(cookie.getValue(), true));
    }

    /** A name for the client behind a key that does not reveal the key: for rate limits and logs. */
    public static String clientOf(HttpHeaders headers) {
        return presentedKey(headers)
                .map(key -> "key-"
                        + Sha256.hex(key.getBytes(StandardCharsets.UTF_8)).substring(0, 12))
                .orElse("anonymous");
    }
}
