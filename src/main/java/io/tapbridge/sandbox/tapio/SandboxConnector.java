package io.tapbridge.sandbox.tapio;

import java.time.Instant;
import java.util.List;

/**
 * A CloudConnector.
 *
 * @param clientCertificateThumbprint SHA-1 thumbprint (hex, upper case) of the client certificate: of the
 *                                    given publicClientCertificate, else of the one the sandbox made up
 * @param certificateGenerated        no publicClientCertificate was given, so one was "generated"
 */
public record SandboxConnector(String ccid, String displayName, List<String> tmids, Instant createdAt,
                               String clientCertificateThumbprint, boolean certificateGenerated) {

    public SandboxConnector {
        tmids = List.copyOf(tmids);
    }

    SandboxConnector updated(String newDisplayName, List<String> newTmids) {
        return new SandboxConnector(ccid, newDisplayName, newTmids, createdAt, clientCertificateThumbprint, certificateGenerated);
    }
}
