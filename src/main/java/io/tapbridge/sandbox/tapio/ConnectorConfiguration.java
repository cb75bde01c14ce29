package io.tapbridge.sandbox.tapio;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A stand-in for the {@code TapioCloudConnector.xml} file tapio hands out once per connector: the
 * GlobalConfig layout of tapio's CloudConnector documentation, naming the connector, its client
 * certificate (a fake one, with its thumbprint) and one module per machine. No real secret is in it.
 */
final class ConnectorConfiguration {

    static final String FILE_NAME = "TapioCloudConnector.xml";

    private ConnectorConfiguration() {
    }

    static String xml(SandboxConnector connector, String manufacturerSubscriptionId, String tenant) {
        StringBuilder x = new StringBuilder(2048);
        x.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        x.append("<!-- ").append(FILE_NAME).append(" issued by the tapio sandbox; not usable against tapio -->\n");
        x.append("<GlobalConfig xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\">\n");
        x.append("  <ManufacturerConfig>\n");
        element(x, "    ", "ManufacturerSubscriptionId", manufacturerSubscriptionId);
        x.append("  </ManufacturerConfig>\n");
        x.append("  <ConnectorConfig>\n");
        element(x, "    ", "ConnectorId", connector.ccid());
        element(x, "    ", "ConnectorDisplayName", connector.displayName());
        if (connector.certificateGenerated()) {
            element(x, "    ", "ConnectorCert", Base64.getEncoder().encodeToString(
                    ("sandbox client certificate " + connector.clientCertificateThumbprint()).getBytes(StandardCharsets.UTF_8)));
        }
        element(x, "    ", "ConnectorCertThumbprint", connector.clientCertificateThumbprint());
        element(x, "    ", "DiscoveryServiceUri", "https://disco.tapio.one");
        element(x, "    ", "ResourceId", "https://" + tenant + "/DiscoveryService");
        element(x, "    ", "Authority", "https://login.microsoftonline.com/" + tenant);
        element(x, "    ", "LogLevel", "Information");
        x.append("  </ConnectorConfig>\n");
        x.append("  <Modules>\n");
        for (String tmid : connector.tmids()) {
            x.append("    <Module xsi:type=\"OpcUaModuleConfig\">\n");
            element(x, "      ", "Id", "DataModule_" + tmid);
            element(x, "      ", "TMID", tmid);
            x.append("    </Module>\n");
        }
        x.append("  </Modules>\n");
        x.append("</GlobalConfig>\n");
        return x.toString();
    }

    private static void element(StringBuilder x, String indent, String name, String text) {
        x.append(indent).append('<').append(name).append('>').append(escape(text)).append("</").append(name).append(">\n");
    }

    private static String escape(String text) {
        StringBuilder s = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '&' -> s.append("&amp;");
                case '"' -> s.append("&quot;");
                case '\'' -> s.append("&apos;");
                default -> s.append(c);
            }
        }
        return s.toString();
    }
}
