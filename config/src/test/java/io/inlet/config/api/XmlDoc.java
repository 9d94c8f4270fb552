package io.inlet.config.api;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** A response body parsed as namespace-aware XML: parsing fails the test if it is not well-formed. */
final class XmlDoc {
    final Document document;

    private XmlDoc(Document document) {
        this.document = document;
    }

    static XmlDoc parse(String body) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return new XmlDoc(factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))));
        } catch (Exception e) {
            throw new AssertionError("Not well-formed XML: " + body, e);
        }
    }

    Element root() {
        return document.getDocumentElement();
    }

    /** Text of the first element with this local name, or null. */
    String text(String localName) {
        NodeList nodes = document.getElementsByTagNameNS("*", localName);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
    }

    boolean has(String localName) {
        return document.getElementsByTagNameNS("*", localName).getLength() > 0;
    }
}
