package io.inlet.deploy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.inlet.deploy.it.RunningInlet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.ReceiptAction;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code inlet rules export|import} against running daemons: a configuration made through the SDK
 * is exported, imported into a second, fresh daemon and exported again, identically; imports are
 * idempotent and report exactly what an edited document changes.
 */
class RulesCommandTest {

    private static final Map<String, String> BUCKETS = Map.of("actions.s3.buckets", "mail,archive");

    @TempDir
    Path dir;

    private final List<RunningInlet> daemons = new ArrayList<>();

    @AfterEach
    void stop() {
        daemons.forEach(RunningInlet::close);
    }

    @Test
    void anExportImportedIntoAFreshDaemonExportsIdentically() throws Exception {
        RunningInlet a = daemon("a");
        configureThroughTheSdk(a.ses());
        List<String> toA = Cli.connection(a, dir);
        Path exported = dir.resolve("rules.yaml");

        Cli.Result export = Cli.run(toA, "rules", "export", "--output", exported.toString());

        assertThat(export.exit()).as(export.toString()).isZero();
        assertThat(export.out()).contains("wrote " + exported + ": 2 rule set(s) with 3 rule(s), 2 filter(s), 2 domain(s),"
                + " 1 email address(es)");
        String first = Files.readString(exported);
        assertThat(first).startsWith("# Inlet receipt configuration of region us-east-1")
                .contains("SmtpReplyCode: \"550\"", "HeaderValue: \"yes\"");
        JsonNode doc = new YAMLMapper().readTree(first);
        assertThat(doc.path("identities").path("domains").toString()).isEqualTo("[\"example.com\",\"example.net\"]");
        assertThat(doc.path("identities").path("emailAddresses").toString()).isEqualTo("[\"ops@example.org\"]");
        assertThat(doc.path("filters").get(0).toString())
                .isEqualTo("{\"name\":\"block-net\",\"policy\":\"Block\",\"cidr\":\"192.0.2.0/24\"}");
        JsonNode main = doc.path("ruleSets").get(1);
        assertThat(main.path("name").asText()).isEqualTo("main");
        assertThat(main.path("active").asBoolean()).isTrue();
        assertThat(doc.path("ruleSets").get(0).path("active").asBoolean()).isFalse();
        JsonNode store = main.path("rules").get(0);
        assertThat(store.path("name").asText()).isEqualTo("store");
        assertThat(store.path("enabled").asBoolean()).isTrue();
        assertThat(store.path("tlsPolicy").asText()).isEqualTo("Optional");
        assertThat(store.path("recipients").toString()).isEqualTo("[\".example.com\",\"example.com\"]");
        assertThat(store.path("actions").toString()).isEqualTo("[{\"AddHeaderAction\":{\"HeaderName\":\"X-Inlet\","
                + "\"HeaderValue\":\"yes\"}},{\"S3Action\":{\"BucketName\":\"mail\",\"ObjectKeyPrefix\":\"in/\"}}]");
        JsonNode notify = main.path("rules").get(1);
        assertThat(notify.path("name").asText()).isEqualTo("notify");
        assertThat(notify.path("tlsPolicy").asText()).isEqualTo("Require");
        assertThat(notify.path("scanEnabled").asBoolean()).isTrue();
        assertThat(notify.path("actions").get(0).path("SNSAction").path("Encoding").asText()).isEqualTo("UTF-8");
        assertThat(notify.path("actions").get(1).path("BounceAction").path("SmtpReplyCode").asText()).isEqualTo("550");
        assertThat(notify.path("actions").get(2).path("StopAction").path("Scope").asText()).isEqualTo("RuleSet");

        RunningInlet b = daemon("b");
        List<String> toB = Cli.connection(b, dir);
        Cli.Result imported = Cli.run(toB, "rules", "import", exported.toString());

        assertThat(imported.exit()).as(imported.toString()).isZero();
        assertThat(imported.lines()).containsExactly(
                "created    domain    example.com  (verification requested)",
                "created    domain    example.net  (verification requested)",
                "created    email     ops@example.org  (verification requested)",
                "created    filter    block-net  (Block 192.0.2.0/24)",
                "created    filter    office  (Allow 198.51.100.7/32)",
                "created    rule-set  archive-set",
                "created    rule      archive-set/copy",
                "created    rule-set  main  (active)",
                "created    rule      main/store",
                "created    rule      main/notify",
                "changed: 10 created, 0 updated, 0 deleted (0 unchanged)");
        Cli.Result second = Cli.run(toB, "rules", "export");
        assertThat(second.exit()).as(second.toString()).isZero();
        assertThat(second.out()).isEqualTo(first);
        assertThat(b.ses().describeActiveReceiptRuleSet(r -> { }).metadata().name()).isEqualTo("main");

        Cli.Result again = Cli.run(toB, "rules", "import", exported.toString());
        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(again.lines()).allMatch(l -> l.startsWith("unchanged ") || l.startsWith("no changes"));
        assertThat(again.lines()).last().isEqualTo("no changes (10 unchanged)");

        // the JSON form round-trips as well
        Path json = dir.resolve("rules.json");
        assertThat(Cli.run(toA, "rules", "export", "-o", json.toString()).exit()).isZero();
        assertThat(new ObjectMapper().readTree(json.toFile())).isEqualTo(doc);
        Cli.Result fromJson = Cli.run(toB, "rules", "import", json.toString());
        assertThat(fromJson.lines()).last().as(fromJson.toString()).isEqualTo("no changes (10 unchanged)");
        assertThat(Cli.run(toB, "rules", "export", "--format", "json").out()).isEqualTo(Files.readString(json));
    }

    @Test
    void anEditedDocumentChangesExactlyWhatWasEdited() throws Exception {
        RunningInlet inlet = daemon("edit");
        List<String> to = Cli.connection(inlet, dir);
        Path base = write("base.yaml", """
                identities:
                  domains: [example.com]
                filters:
                  - {name: block-net, policy: Block, cidr: 192.0.2.0/24}
                  - {name: office, policy: Allow, cidr: 198.51.100.7}
                ruleSets:
                  - name: main
                    active: true
                    rules:
                      - {name: first, enabled: true, recipients: [a@example.com], actions: [{S3Action: {BucketName: mail}}]}
                      - {name: second, enabled: true, recipients: [b@example.com], actions: [{S3Action: {BucketName: mail}}]}
                      - {name: third, enabled: true, recipients: [c@example.com], actions: [{S3Action: {BucketName: mail}}]}
                      - {name: fourth, enabled: true, recipients: [d@example.com], actions: [{AddHeaderAction: {HeaderName: X-A, HeaderValue: "1"}}]}
                """);
        assertThat(Cli.run(to, "rules", "import", base.toString()).exit()).isZero();
        // second: recipients changed; third: removed; fourth moved before first; block-net: another range
        Path edited = write("edited.yaml", """
                identities:
                  domains: [example.com]
                filters:
                  - {name: block-net, policy: Block, cidr: 192.0.2.0/25}
                  - {name: office, policy: Allow, cidr: 198.51.100.7}
                ruleSets:
                  - name: main
                    active: true
                    rules:
                      - {name: fourth, enabled: true, recipients: [d@example.com], actions: [{AddHeaderAction: {HeaderName: X-A, HeaderValue: "1"}}]}
                      - {name: first, enabled: true, recipients: [a@example.com], actions: [{S3Action: {BucketName: mail}}]}
                      - {name: second, enabled: true, recipients: [b@example.com, b2@example.com], actions: [{S3Action: {BucketName: mail}}]}
                """);
        String before = Cli.run(to, "rules", "export").out();
        List<String> expected = List.of(
                "updated    filter    block-net  (cidr 192.0.2.0/24 -> 192.0.2.0/25; replaced: deleted and created again)",
                "deleted    rule      main/third",
                "updated    rule      main/second  (recipients)",
                "updated    rule-set  main  (rule order: fourth, first, second)");

        Cli.Result dryRun = Cli.run(to, "rules", "import", "--dry-run", edited.toString());

        assertThat(dryRun.exit()).as(dryRun.toString()).isZero();
        assertThat(changes(dryRun)).containsExactlyElementsOf(expected);
        assertThat(dryRun.lines()).contains("unchanged  domain    example.com", "unchanged  filter    office",
                "unchanged  rule      main/first", "unchanged  rule      main/fourth");
        assertThat(dryRun.lines()).last().isEqualTo(
                "would change: 0 created, 3 updated, 1 deleted (4 unchanged); dry run: nothing was changed");
        assertThat(Cli.run(to, "rules", "export").out()).isEqualTo(before);

        Cli.Result applied = Cli.run(to, "rules", "import", edited.toString());

        assertThat(applied.exit()).as(applied.toString()).isZero();
        assertThat(changes(applied)).containsExactlyElementsOf(expected);
        assertThat(applied.lines()).last().isEqualTo("changed: 0 created, 3 updated, 1 deleted (4 unchanged)");
        SesClient ses = inlet.ses();
        assertThat(ses.describeReceiptRuleSet(r -> r.ruleSetName("main")).rules())
                .extracting(r -> r.name()).containsExactly("fourth", "first", "second");
        assertThat(ses.describeReceiptRule(r -> r.ruleSetName("main").ruleName("second")).rule().recipients())
                .containsExactly("b2@example.com", "b@example.com");
        assertThat(ses.listReceiptFilters(r -> { }).filters()).extracting(f -> f.name() + " " + f.ipFilter().cidr())
                .containsExactlyInAnyOrder("block-net 192.0.2.0/25", "office 198.51.100.7");
        Cli.Result again = Cli.run(to, "rules", "import", edited.toString());
        assertThat(changes(again)).as(again.toString()).isEmpty();
    }

    @Test
    void objectsAbsentFromTheDocumentAreKeptUnlessPruned() throws Exception {
        RunningInlet inlet = daemon("prune");
        List<String> to = Cli.connection(inlet, dir);
        SesClient ses = inlet.ses();
        ses.verifyDomainIdentity(r -> r.domain("old.example"));
        ses.createReceiptFilter(r -> r.filter(f -> f.name("old-filter").ipFilter(ip -> ip.policy("Block").cidr("203.0.113.0/24"))));
        ses.createReceiptRuleSet(r -> r.ruleSetName("old-set"));
        ses.createReceiptRuleSet(r -> r.ruleSetName("legacy-active"));
        ses.setActiveReceiptRuleSet(r -> r.ruleSetName("legacy-active"));
        Path doc = write("doc.yaml", """
                identities:
                  domains: [example.com]
                ruleSets:
                  - name: main
                    rules:
                      - {name: only, enabled: true, actions: [{S3Action: {BucketName: mail}}]}
                """);

        Cli.Result kept = Cli.run(to, "rules", "import", doc.toString());

        assertThat(kept.exit()).as(kept.toString()).isZero();
        assertThat(kept.lines()).containsExactly(
                "created    domain    example.com  (verification requested)",
                "kept       domain    old.example  (not in the document)",
                "kept       filter    old-filter  (not in the document)",
                "kept       rule-set  old-set  (not in the document)",
                "created    rule-set  main",
                "created    rule      main/only",
                "kept       rule-set  legacy-active  (active; not in the document)",
                "changed: 3 created, 0 updated, 0 deleted (0 unchanged, 4 kept: not in the document, --prune deletes them)");
        assertThat(ses.describeActiveReceiptRuleSet(r -> { }).metadata().name()).isEqualTo("legacy-active");

        Cli.Result pruned = Cli.run(to, "rules", "import", "--prune", doc.toString());

        assertThat(pruned.exit()).as(pruned.toString()).isZero();
        assertThat(changes(pruned)).containsExactly(
                "deleted    domain    old.example",
                "deleted    filter    old-filter",
                "deleted    rule-set  old-set",
                "deleted    rule-set  legacy-active  (was active: deactivated first)");
        assertThat(ses.describeActiveReceiptRuleSet(r -> { }).metadata()).isNull();
        assertThat(ses.listReceiptRuleSets(r -> { }).ruleSets()).extracting(s -> s.name()).containsExactly("main");
        assertThat(ses.listIdentities(r -> { }).identities()).containsExactly("example.com");
        assertThat(ses.listReceiptFilters(r -> { }).filters()).isEmpty();
        assertThat(changes(Cli.run(to, "rules", "import", "--prune", doc.toString()))).isEmpty();
    }

    @Test
    void activationFollowsTheDocument() throws Exception {
        RunningInlet inlet = daemon("active");
        List<String> to = Cli.connection(inlet, dir);
        SesClient ses = inlet.ses();
        Path one = write("one.yaml", "ruleSets:\n  - {name: one, active: true}\n  - {name: two}\n");
        Path two = write("two.yaml", "ruleSets:\n  - {name: one}\n  - {name: two, active: true}\n");
        Path none = write("none.yaml", "ruleSets:\n  - {name: one}\n  - {name: two}\n");

        assertThat(Cli.run(to, "rules", "import", one.toString()).exit()).isZero();
        assertThat(ses.describeActiveReceiptRuleSet(r -> { }).metadata().name()).isEqualTo("one");

        Cli.Result switched = Cli.run(to, "rules", "import", two.toString());
        assertThat(changes(switched)).as(switched.toString()).containsExactly(
                "updated    rule-set  one  (no longer active: two is)",
                "updated    rule-set  two  (made active)");
        assertThat(ses.describeActiveReceiptRuleSet(r -> { }).metadata().name()).isEqualTo("two");

        Cli.Result deactivated = Cli.run(to, "rules", "import", none.toString());
        assertThat(changes(deactivated)).as(deactivated.toString()).containsExactly(
                "updated    rule-set  two  (made inactive: no rule set is active in the document)");
        assertThat(ses.describeActiveReceiptRuleSet(r -> { }).metadata()).isNull();
    }

    @Test
    void aDocumentThatCannotBeAppliedIsReported() throws Exception {
        RunningInlet inlet = daemon("invalid");
        List<String> to = Cli.connection(inlet, dir);
        String before = Cli.run(to, "rules", "export").out();

        Cli.Result unknownField = Cli.run(to, "rules", "import",
                write("typo.yaml", "ruleSets:\n  - name: main\n    rulez: []\n").toString());
        assertThat(unknownField.exit()).isEqualTo(1);
        assertThat(unknownField.err()).contains("typo.yaml: not a rules document: Unrecognized field \"rulez\"");

        Cli.Result unknownAction = Cli.run(to, "rules", "import",
                write("action.yaml", "ruleSets:\n  - name: main\n    rules:\n      - {name: r, actions: [{FooAction: {}}]}\n").toString());
        assertThat(unknownAction.exit()).isEqualTo(1);
        assertThat(unknownAction.err()).contains("rule main/r: unknown action type FooAction (known: S3Action,");

        Cli.Result twoActive = Cli.run(to, "rules", "import",
                write("two.yaml", "ruleSets:\n  - {name: a, active: true}\n  - {name: b, active: true}\n").toString());
        assertThat(twoActive.exit()).isEqualTo(1);
        assertThat(twoActive.err()).contains("2 rule sets are active; at most one can be");
        assertThat(Cli.run(to, "rules", "export").out()).isEqualTo(before);

        // the daemon refuses the second rule (its bucket does not exist): what was done is reported
        Cli.Result refused = Cli.run(to, "rules", "import", write("refused.yaml", """
                ruleSets:
                  - name: main
                    rules:
                      - {name: good, actions: [{S3Action: {BucketName: mail}}]}
                      - {name: bad, actions: [{S3Action: {BucketName: no-such-bucket}}]}
                """).toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.lines()).containsExactly("created    rule-set  main", "created    rule      main/good",
                "changed: 2 created, 0 updated, 0 deleted (0 unchanged)");
        assertThat(refused.err()).contains("inlet: Inlet refused creating rule main/bad: InvalidS3Configuration");

        assertThat(Cli.run(to, "rules", "import", "missing.yaml").err()).contains("missing.yaml: no such file");
        Cli.Result format = Cli.run(to, "rules", "export", "--format", "xml");
        assertThat(format.exit()).isEqualTo(2);
        assertThat(format.err()).contains("--format must be yaml or json: xml");
    }

    @Test
    void theRegionSelectsWhichConfigurationIsExportedAndImported() throws Exception {
        RunningInlet inlet = daemon("regions");
        List<String> to = Cli.connection(inlet, dir);
        Path doc = write("eu.yaml", "ruleSets:\n  - {name: eu-only, active: true}\n");

        Cli.Result imported = Cli.run(to, "rules", "import", "--region", "eu-west-1", doc.toString());

        assertThat(imported.exit()).as(imported.toString()).isZero();
        assertThat(Cli.run(to, "rules", "export", "--region", "eu-west-1").out()).contains("- name: eu-only\n    active: true");
        assertThat(Cli.run(to, "rules", "export").out()).contains("ruleSets: []");
        assertThat(inlet.ses("eu-west-1").describeActiveReceiptRuleSet(r -> { }).metadata().name()).isEqualTo("eu-only");
    }

    // ---- helpers ------------------------------------------------------------------------------

    private RunningInlet daemon(String name) {
        RunningInlet inlet = RunningInlet.start(dir.resolve(name), BUCKETS);
        daemons.add(inlet);
        return inlet;
    }

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    /** The report lines of objects that changed (not unchanged or kept, not the summary). */
    private static List<String> changes(Cli.Result result) {
        return result.lines().stream()
                .filter(l -> l.startsWith("created ") || l.startsWith("updated ") || l.startsWith("deleted "))
                .toList();
    }

    private static void configureThroughTheSdk(SesClient ses) {
        ses.verifyDomainIdentity(r -> r.domain("example.net"));
        ses.verifyDomainIdentity(r -> r.domain("example.com"));
        ses.verifyEmailIdentity(r -> r.emailAddress("ops@example.org"));
        ses.createReceiptFilter(r -> r.filter(f -> f.name("office").ipFilter(ip -> ip.policy("Allow").cidr("198.51.100.7/32"))));
        ses.createReceiptFilter(r -> r.filter(f -> f.name("block-net").ipFilter(ip -> ip.policy("Block").cidr("192.0.2.0/24"))));
        ses.createReceiptRuleSet(r -> r.ruleSetName("main"));
        ses.createReceiptRuleSet(r -> r.ruleSetName("archive-set"));
        ses.createReceiptRule(r -> r.ruleSetName("main").rule(rule -> rule.name("store").enabled(true)
                .recipients("example.com", ".example.com")
                .actions(ReceiptAction.builder().addHeaderAction(h -> h.headerName("X-Inlet").headerValue("yes")).build(),
                        ReceiptAction.builder().s3Action(s -> s.bucketName("mail").objectKeyPrefix("in/")).build())));
        ses.createReceiptRule(r -> r.ruleSetName("main").after("store").rule(rule -> rule.name("notify").enabled(false)
                .tlsPolicy("Require").scanEnabled(true).recipients("ops@example.org")
                .actions(ReceiptAction.builder().snsAction(s -> s.topicArn("arn:aws:sns:us-east-1:111122223333:mail")).build(),
                        ReceiptAction.builder().bounceAction(b -> b.smtpReplyCode("550").statusCode("5.1.1")
                                .message("mailbox unavailable").sender("ops@example.org")).build(),
                        ReceiptAction.builder().stopAction(s -> s.scope("RuleSet")).build())));
        ses.createReceiptRule(r -> r.ruleSetName("archive-set").rule(rule -> rule.name("copy").enabled(true)
                .actions(ReceiptAction.builder().s3Action(s -> s.bucketName("archive")).build())));
        ses.setActiveReceiptRuleSet(r -> r.ruleSetName("main"));
    }
}
