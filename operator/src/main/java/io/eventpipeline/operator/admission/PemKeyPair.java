package io.eventpipeline.operator.admission;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A certificate chain and its private key read from the PEM files of a {@code kubernetes.io/tls}
 * Secret. Keys come as PKCS#8 ({@code PRIVATE KEY}, RSA or EC; cert-manager with {@code encoding:
 * PKCS8}) or PKCS#1 ({@code RSA PRIVATE KEY}; Helm's {@code genSignedCert}, cert-manager's
 * default), read with the JDK alone.
 */
record PemKeyPair(List<X509Certificate> chain, PrivateKey key) {
    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    /**
     * The ASN.1 header that turns a PKCS#1 RSA key into PKCS#8 (RFC 5208, algorithm rsaEncryption).
     */
    private static final byte[] RSA_ALGORITHM = {
        0x30,
        0x0d,
        0x06,
        0x09,
        0x2a,
        (byte) 0x86,
        0x48,
        (byte) 0x86,
        (byte) 0xf7,
        0x0d,
        0x01,
        0x01,
        0x01,
        0x05,
        0x00
    };

    static PemKeyPair read(Path certificateFile, Path keyFile) throws IOException {
        List<X509Certificate> chain = certificates(certificateFile);
        PrivateKey key = privateKey(keyFile);
        return new PemKeyPair(chain, key);
    }

    private static List<X509Certificate> certificates(Path file) throws IOException {
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Block block : blocks(file)) {
                if (block.type().equals("CERTIFICATE")) {
                    chain.add(
                            (X509Certificate)
                                    factory.generateCertificate(
                                            new ByteArrayInputStream(block.der())));
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": not a valid certificate: " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new IOException(file + ": no PEM CERTIFICATE block");
        }
        return List.copyOf(chain);
    }

    private static PrivateKey privateKey(Path file) throws IOException {
        for (Block block : blocks(file)) {
            switch (block.type()) {
                case "PRIVATE KEY":
                    return pkcs8(file, block.der());
                case "RSA PRIVATE KEY":
                    return pkcs8(file, rsaPkcs1ToPkcs8(block.der()));
                case "EC PRIVATE KEY":
                    throw new IOException(
                            file
                                    + ": SEC1 EC keys are not read; issue the certificate with"
                                    + " a PKCS#8 key (cert-manager: privateKey.encoding PKCS8)");
                default:
                    // A certificate or parameters block before the key: skip it.
            }
        }
        throw new IOException(file + ": no PEM PRIVATE KEY or RSA PRIVATE KEY block");
    }

    private static PrivateKey pkcs8(Path file, byte[] der) throws IOException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // Not this algorithm: try the next.
            }
        }
        throw new IOException(file + ": a private key of an algorithm other than RSA, EC, Ed25519");
    }

    /** PrivateKeyInfo ::= SEQUENCE { version 0, AlgorithmIdentifier, OCTET STRING pkcs1 }. */
    static byte[] rsaPkcs1ToPkcs8(byte[] pkcs1) {
        byte[] version = {0x02, 0x01, 0x00};
        byte[] octets = tlv(0x04, pkcs1);
        byte[] body = new byte[version.length + RSA_ALGORITHM.length + octets.length];
        System.arraycopy(version, 0, body, 0, version.length);
        System.arraycopy(RSA_ALGORITHM, 0, body, version.length, RSA_ALGORITHM.length);
        System.arraycopy(octets, 0, body, version.length + RSA_ALGORITHM.length, octets.length);
        return tlv(0x30, body);
    }

    /** A DER type-length-value with the definite length form. */
    private static byte[] tlv(int tag, byte[] value) {
        int length = value.length;
        byte[] lengthBytes;
        if (length < 0x80) {
            lengthBytes = new byte[] {(byte) length};
        } else {
            int size = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            lengthBytes = new byte[size + 1];
            lengthBytes[0] = (byte) (0x80 | size);
            for (int i = 0; i < size; i++) {
                lengthBytes[size - i] = (byte) (length >>> (8 * i));
            }
        }
        byte[] out = new byte[1 + lengthBytes.length + length];
        out[0] = (byte) tag;
        System.arraycopy(lengthBytes, 0, out, 1, lengthBytes.length);
        System.arraycopy(value, 0, out, 1 + lengthBytes.length, length);
        return out;
    }

    private record Block(String type, byte[] der) {}

    private static List<Block> blocks(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            try {
                blocks.add(
                        new Block(
                                matcher.group(1),
                                Base64.getMimeDecoder().decode(matcher.group(2))));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": broken base64 in a PEM block", e);
            }
        }
        return blocks;
    }
}
