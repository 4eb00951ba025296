package dev.pop3x.it;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.SignatureAlgorithm;

/**
 * An OpenID Connect provider of the tests' own, on 127.0.0.1: it serves its signing key as a JWKS document and
 * signs RS256 tokens whose {@code email} claim names the user, as an identity provider would.
 */
public final class OidcProvider implements AutoCloseable {
    static final String CLAIM = "email";
    private static final String KEY_ID = "pop3x-test-key";

    private final KeyPair keys;
    private final KeyPair strangerKeys;
    private final HttpServer http;

    private OidcProvider(KeyPair keys, KeyPair strangerKeys, HttpServer http) {
        this.keys = keys;
        this.strangerKeys = strangerKeys;
        this.http = http;
    }

    public static OidcProvider start() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keys = generator.generateKeyPair();
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            OidcProvider provider = new OidcProvider(keys, generator.generateKeyPair(), http);
            http.createContext("/jwks", exchange -> provider.respond(exchange, provider.jwks()));
            http.createContext("/.well-known/openid-configuration", exchange -> provider.respond(exchange,
                "{\"issuer\":\"" + provider.baseUrl() + "\",\"jwks_uri\":\"" + provider.baseUrl() + "/jwks\"}"));
            http.start();
            return provider;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    /** The {@code <oidc>} block of pop3xserver.xml that trusts this provider. */
    public String oidcConfiguration() {
        return "<oidc>"
            + "<oidcConfigurationURL>" + baseUrl() + "/.well-known/openid-configuration</oidcConfigurationURL>"
            + "<jwksURL>" + baseUrl() + "/jwks</jwksURL>"
            + "<claim>" + CLAIM + "</claim>"
            + "<scope>openid email</scope>"
            + "</oidc>";
    }

    /** A token for the user, valid for an hour. */
    public String token(String email) {
        return sign(email, Instant.now().plusSeconds(3600), keys);
    }

    public String expiredToken(String email) {
        return sign(email, Instant.now().minusSeconds(60), keys);
    }

    /** A token signed by a key the provider does not publish. */
    public String forgedToken(String email) {
        return sign(email, Instant.now().plusSeconds(3600), strangerKeys);
    }

    private String sign(String email, Instant expiry, KeyPair signer) {
        return Jwts.builder()
            .setHeaderParam("kid", KEY_ID)
            .setSubject(email)
            .claim(CLAIM, email)
            .setIssuer(baseUrl())
            .setIssuedAt(new Date())
            .setExpiration(Date.from(expiry))
            .signWith(signer.getPrivate(), SignatureAlgorithm.RS256)
            .compact();
    }

    private String jwks() {
        RSAPublicKey key = (RSAPublicKey) keys.getPublic();
        return "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + KEY_ID + "\","
            + "\"n\":\"" + base64Url(key.getModulus()) + "\",\"e\":\"" + base64Url(key.getPublicExponent()) + "\"}]}";
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private void respond(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
