package io.inlet.config.receipt;

import io.inlet.config.api.ApiOperation;
import io.inlet.config.api.ApiRequest;
import io.inlet.config.api.QueryParams;
import io.inlet.config.api.SesException;
import io.inlet.config.api.XmlWriter;
import io.inlet.config.store.Scope;
import io.inlet.config.store.sqlite.SqliteStore;
import io.inlet.rules.spi.ActionPlugin;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The receipt operations wired to a real SQLite store in a temporary directory, called the way the
 * server calls them: a QueryParams map exactly as an SDK sends it, a Scope, an XmlWriter.
 */
final class ReceiptFixture implements AutoCloseable {
    static final Scope EAST = new Scope("123456789012", "us-east-1");
    static final Scope WEST = new Scope("123456789012", "us-west-2");
    static final Instant START = Instant.parse("2024-05-06T07:08:09.123456Z");

    final SqliteStore store;
    final TestClock clock = new TestClock(START);
    /** Identities the fake VerifiedIdentities reports as verified, as "region/identity". */
    final Set<String> verified = ConcurrentHashMap.newKeySet();
    final TestPlugins plugins = new TestPlugins();
    final Map<String, ApiOperation> ops;

    ReceiptFixture(Path dir) {
        this(dir, ReceiptLimits.defaults(), true);
    }

    ReceiptFixture(Path dir, ReceiptLimits limits, boolean checkTargets) {
        this.store = SqliteStore.open(dir);
        Map<String, ActionPlugin> byType = plugins.byType();
        this.ops = new ReceiptOperations(store, byType,
                (scope, identity) -> verified.contains(scope.region() + "/" + identity),
                limits, checkTargets, clock).operations();
    }

    /** Calls {@code action} in us-east-1 with {@code key, value, key, value…}; returns the Result XML. */
    String call(String action, String... keyValues) {
        return call(EAST, action, keyValues);
    }

    String call(Scope scope, String action, String... keyValues) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("Action", action);
        params.put("Version", "2010-12-01");
        for (int i = 0; i < keyValues.length; i += 2) {
            params.put(keyValues[i], keyValues[i + 1]);
        }
        XmlWriter out = new XmlWriter();
        ApiOperation op = ops.get(action);
        assertThat(op).as("operation %s", action).isNotNull();
        op.handle(new ApiRequest(action, new QueryParams(params), scope, "req-1"), out);
        return out.toString();
    }

    SesException fail(String action, String... keyValues) {
        return fail(EAST, action, keyValues);
    }

    SesException fail(Scope scope, String action, String... keyValues) {
        SesException e = catchThrowableOfType(SesException.class, () -> call(scope, action, keyValues));
        assertThat(e).as("%s should fail", action).isNotNull();
        return e;
    }

    void assertError(String code, String message, String action, String... keyValues) {
        SesException e = fail(action, keyValues);
        assertThat(e.code()).as("code of %s", action).isEqualTo(code);
        assertThat(e.getMessage()).as("message of %s", action).isEqualTo(message);
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.type()).isEqualTo("Sender");
    }

    // --- shortcuts -------------------------------------------------------------------------------

    void createSet(String name) {
        call("CreateReceiptRuleSet", "RuleSetName", name);
    }

    /** Creates rules {@code names} in that order, each after the previous one. */
    void createRules(String set, String... names) {
        String after = null;
        for (String name : names) {
            if (after == null) {
                call("CreateReceiptRule", "RuleSetName", set, "Rule.Name", name);
            } else {
                call("CreateReceiptRule", "RuleSetName", set, "After", after, "Rule.Name", name);
            }
            after = name;
        }
    }

    List<String> ruleNames(String set) {
        return values(call("DescribeReceiptRuleSet", "RuleSetName", set), "/r/Rules/member/Name");
    }

    // --- XML ------------------------------------------------------------------------------------

    /** The text of every node {@code xpath} selects in the Result fragment (wrapped in {@code <r>}). */
    static List<String> values(String resultXml, String xpath) {
        try {
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new InputSource(new StringReader("<r>" + resultXml + "</r>")));
            NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath()
                    .evaluate(xpath, doc, XPathConstants.NODESET);
            List<String> out = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                out.add(nodes.item(i).getTextContent());
            }
            return out;
        } catch (Exception e) {
            throw new AssertionError("cannot read " + xpath + " from " + resultXml, e);
        }
    }

    static String value(String resultXml, String xpath) {
        List<String> all = values(resultXml, xpath);
        assertThat(all).as("%s in %s", xpath, resultXml).hasSize(1);
        return all.get(0);
    }

    @Override
    public void close() {
        store.close();
    }

    /** A clock the test moves by hand (no sleeping). */
    static final class TestClock extends Clock {
        private volatile Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
