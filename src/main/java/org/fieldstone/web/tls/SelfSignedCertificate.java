package org.fieldstone.web.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * The embedded default's certificate for {@code localhost}: an ECDSA P-256 key and a self-signed
 * certificate valid 397 days, written once as PEM ({@code key.pem} readable by the owner only).
 */
public record SelfSignedCertificate(Path certificate, Path privateKey) {

    static final Duration VALIDITY = Duration.ofDays(397);

    /** The certificate in {@code dir}, generated if it is missing. */
    public static SelfSignedCertificate ensure(Path dir) {
        SelfSignedCertificate files = new SelfSignedCertificate(dir.resolve("cert.pem"), dir.resolve("key.pem"));
        if (Files.exists(files.certificate) && Files.exists(files.privateKey)) {
            return files;
        }
        try {
            Files.createDirectories(dir);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair keys = generator.generateKeyPair();
            Instant now = Instant.now();
            X500Name subject = new X500Name("CN=localhost, O=Fieldstone self-signed");
            var builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(127, new SecureRandom()),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), subject, keys.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                    new GeneralName(GeneralName.iPAddress, InetAddress.getByName("::1").getHostAddress())}));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            X509CertificateHolder cert = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));

            writePem(files.privateKey, new PemObject("PRIVATE KEY", keys.getPrivate().getEncoded()), true);
            writePem(files.certificate, new PemObject("CERTIFICATE", cert.getEncoded()), false);
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the TLS certificate into " + dir, e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot generate the self-signed TLS certificate", e);
        }
    }

    private static void writePem(Path file, PemObject pem, boolean secret) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(pem);
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (secret && Files.getFileStore(file.getParent()).supportsFileAttributeView("posix")) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(tmp, text.toString(), StandardCharsets.US_ASCII, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
