package io.clarity.buildtools;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The key an APK is signed with. Debug: the committed, deliberately public key app/android/debug.p12 (every
 * machine's debug build updates every other's). Release: a keystore named by environment variables, never the
 * debug key.
 */
record ApkKey(PrivateKey privateKey, X509Certificate certificate) {
    static final String KEYSTORE = "CLARITY_KEYSTORE";
    static final String KEYSTORE_PASSWORD = "CLARITY_KEYSTORE_PASSWORD";
    static final String KEY_ALIAS = "CLARITY_KEY_ALIAS";
    static final String KEY_PASSWORD = "CLARITY_KEY_PASSWORD";

    static ApkKey debug(Path keystore) throws IOException, GeneralSecurityException {
        return load(keystore, "android", "androiddebugkey", "android");
    }

    static ApkKey release(ApkKey debug) throws IOException, GeneralSecurityException {
        return release(System.getenv(), debug);
    }

    /** @throws IllegalStateException with one line naming what is missing or wrong */
    static ApkKey release(Map<String, String> env, ApkKey debug) throws IOException, GeneralSecurityException {
        List<String> missing = new ArrayList<>();
        for (String name : List.of(KEYSTORE, KEYSTORE_PASSWORD, KEY_ALIAS)) {
            if (env.get(name) == null || env.get(name).isEmpty()) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the release build signs with the key named by " + KEYSTORE + " (a PKCS12 "
                    + "or JKS file), " + KEYSTORE_PASSWORD + " and " + KEY_ALIAS + " (" + KEY_PASSWORD + " if the key's "
                    + "own password differs); not set: " + String.join(", ", missing));
        }
        Path keystore = Path.of(env.get(KEYSTORE));
        if (!Files.isRegularFile(keystore)) {
            throw new IllegalStateException(KEYSTORE + "=" + keystore + ": no such file");
        }
        String storePassword = env.get(KEYSTORE_PASSWORD);
        String keyPassword = env.getOrDefault(KEY_PASSWORD, storePassword);
        ApkKey key = load(keystore, storePassword, env.get(KEY_ALIAS), keyPassword);
        if (key.certificate().equals(debug.certificate())) {
            throw new IllegalStateException(KEYSTORE + " holds the public debug key: a release needs a key of its own");
        }
        return key;
    }

    private static ApkKey load(Path keystore, String storePassword, String alias, String keyPassword)
            throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType()); // PKCS12; reads JKS too
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, storePassword.toCharArray());
        } catch (IOException e) {
            throw new IllegalStateException(keystore + ": cannot open (wrong " + KEYSTORE_PASSWORD + "?): " + e.getMessage(), e);
        }
        if (!ks.isKeyEntry(alias)) {
            throw new IllegalStateException(keystore + " has no key '" + alias + "' (" + KEY_ALIAS + ")");
        }
        return new ApkKey((PrivateKey) ks.getKey(alias, keyPassword.toCharArray()),
                (X509Certificate) ks.getCertificate(alias));
    }
}
