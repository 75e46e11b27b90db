package io.couriermq.server.grpc;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.SSLException;
import java.io.File;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * The certificate a server presents over TLS: the operator's, when configured, or one generated at start, signed
 * by itself. The official RocketMQ clients accept any certificate, so a generated one lets TLS work out of the
 * box; operators who want verifiable TLS configure their own.
 */
public final class ServerCertificate {

    private static final Duration GENERATED_VALIDITY = Duration.ofDays(3650);

    private ServerCertificate() {
    }

    /** An SSL context for the configured certificate chain and private key (PEM files). */
    public static SslContext fromFiles(File certificateChain, File privateKey) throws SSLException {
        return GrpcSslContexts.forServer(certificateChain, privateKey).clientAuth(ClientAuth.NONE).build();
    }

    /** An SSL context for a freshly generated self-signed certificate naming {@code hostNames} and localhost. */
    public static SslContext selfSigned(String... hostNames) throws GeneralSecurityException, SSLException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256, new SecureRandom());
        KeyPair keys = generator.generateKeyPair();
        X509Certificate certificate = sign(keys, hostNames);
        return GrpcSslContexts.configure(SslContextBuilder.forServer(keys.getPrivate(), certificate))
                .clientAuth(ClientAuth.NONE).build();
    }

    private static X509Certificate sign(KeyPair keys, String... hostNames) throws GeneralSecurityException {
        X500Name subject = new X500Name("CN=courier-mq");
        Instant now = Instant.now();
        GeneralName[] names = new GeneralName[hostNames.length + 2];
        names[0] = new GeneralName(GeneralName.dNSName, "localhost");
        names[1] = new GeneralName(GeneralName.iPAddress, "127.0.0.1");
        for (int i = 0; i < hostNames.length; i++) {
            boolean numeric = hostNames[i].matches("[0-9.]+|.*:.*");
            names[i + 2] = new GeneralName(numeric ? GeneralName.iPAddress : GeneralName.dNSName, hostNames[i]);
        }
        try {
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
            X509CertificateHolder holder = new JcaX509v3CertificateBuilder(subject,
                    BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(GENERATED_VALIDITY)), subject, keys.getPublic())
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names))
                    .build(signer);
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (org.bouncycastle.operator.OperatorCreationException | org.bouncycastle.cert.CertIOException e) {
            throw new GeneralSecurityException("cannot generate a self-signed certificate", e);
        }
    }
}
