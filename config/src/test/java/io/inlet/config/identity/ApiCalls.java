package io.inlet.config.identity;

import io.inlet.config.api.ApiOperation;
import io.inlet.config.api.ApiRequest;
import io.inlet.config.api.QueryParams;
import io.inlet.config.api.SesException;
import io.inlet.config.api.XmlWriter;
import io.inlet.config.store.Scope;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Calls identity operations as the server would, with parameters spelled as the AWS SDK sends
 * them, and reads the Result members back with a DOM parser.
 */
final class ApiCalls {
    private final Map<String, ApiOperation> operations;

    ApiCalls(Map<String, ApiOperation> operations) {
        this.operations = operations;
    }

    /** The Result element's members, wrapped in {@code <Result>}; params as name, value, name, value... */
    Result call(Scope scope, String action, String... params) {
        ApiOperation op = operations.get(action);
        assertThat(op).as(action).isNotNull();
        Map<String, String> map = new LinkedHashMap<>();
        map.put("Action", action);
        map.put("Version", "2010-12-01");
        for (int i = 0; i < params.length; i += 2) {
            map.put(params[i], params[i + 1]);
        }
        XmlWriter out = new XmlWriter();
        op.handle(new ApiRequest(action, new QueryParams(map), scope, UUID.randomUUID().toString()), out);
        return new Result(op.hasResult(), out.toString());
    }

    SesException error(Scope scope, String action, String... params) {
        SesException e = catchThrowableOfType(SesException.class, () -> call(scope, action, params));
        assertThat(e).as("expected an SES error from " + action).isNotNull();
        return e;
    }

    record Result(boolean hasResult, String xml) {
        Element root() {
            try {
                Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                        .parse(new InputSource(new StringReader("<Result>" + xml + "</Result>")));
                return doc.getDocumentElement();
            } catch (Exception e) {
                throw new AssertionError("not XML: " + xml, e);
            }
        }

        Element child(String name) {
            Element found = childOf(root(), name);
            assertThat(found).as("<" + name + "> in " + xml).isNotNull();
            return found;
        }

        boolean has(String name) {
            return childOf(root(), name) != null;
        }

        String text(String name) {
            return child(name).getTextContent();
        }

        /** The members of a list element. */
        List<String> list(String name) {
            List<String> out = new ArrayList<>();
            for (Element member : children(child(name), "member")) {
                out.add(member.getTextContent());
            }
            return out;
        }

        /** A map element as key → (member name → text). */
        Map<String, Map<String, String>> map(String name) {
            Map<String, Map<String, String>> out = new LinkedHashMap<>();
            for (Element entry : children(child(name), "entry")) {
                Map<String, String> value = new LinkedHashMap<>();
                for (Element member : children(childOf(entry, "value"), null)) {
                    value.put(member.getTagName(), member.getTextContent());
                }
                out.put(childOf(entry, "key").getTextContent(), value);
            }
            return out;
        }

        private static Element childOf(Element parent, String name) {
            List<Element> all = children(parent, name);
            return all.isEmpty() ? null : all.get(0);
        }

        private static List<Element> children(Element parent, String name) {
            List<Element> out = new ArrayList<>();
            NodeList nodes = parent.getChildNodes();
            for (int i = 0; i < nodes.getLength(); i++) {
                Node n = nodes.item(i);
                if (n instanceof Element e && (name == null || e.getTagName().equals(name))) {
                    out.add(e);
                }
            }
            return out;
        }
    }
}
