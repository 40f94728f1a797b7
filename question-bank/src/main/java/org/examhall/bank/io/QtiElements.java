package org.examhall.bank.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Finds QTI elements and attributes by name whichever QTI version wrote them: 2.1 says
 * {@code choiceInteraction responseIdentifier}, 3.0 says {@code qti-choice-interaction response-identifier}.
 * Both fold to the same key.
 */
final class QtiElements {

    private QtiElements() {}

    static String key(String name) {
        String local = name.contains(":") ? name.substring(name.indexOf(':') + 1) : name;
        if (local.startsWith("qti-")) {
            local = local.substring(4);
        }
        return local.replace("-", "").toLowerCase(Locale.ROOT);
    }

    static boolean is(Node node, String name) {
        return node instanceof Element element && key(localName(element)).equals(key(name));
    }

    static List<Element> descendants(Element root, String name) {
        List<Element> found = new ArrayList<>();
        NodeList all = root.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            if (is(all.item(i), name)) {
                found.add((Element) all.item(i));
            }
        }
        return found;
    }

    static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (is(child, name)) {
                found.add((Element) child);
            }
        }
        return found;
    }

    /** The attribute's value under either spelling, or "" when absent. */
    static String attribute(Element element, String name) {
        var attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Node attribute = attributes.item(i);
            if (key(attribute.getNodeName()).equals(key(name))) {
                return attribute.getNodeValue();
            }
        }
        return "";
    }

    /** Visible text with runs of white space folded, as a candidate would read it. */
    static String text(Node node) {
        return node.getTextContent().replaceAll("\\s+", " ").strip();
    }

    private static String localName(Element element) {
        return element.getLocalName() != null ? element.getLocalName() : element.getTagName();
    }
}
