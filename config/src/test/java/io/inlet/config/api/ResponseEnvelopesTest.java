package io.inlet.config.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResponseEnvelopesTest {

    @Test
    void emptyResultIsStillWritten() {
        assertThat(ResponseEnvelopes.success("CreateReceiptRuleSet", true, new XmlWriter(), "id-1"))
                .endsWith("<CreateReceiptRuleSetResponse xmlns=\"http://ses.amazonaws.com/doc/2010-12-01/\">"
                        + "<CreateReceiptRuleSetResult/><ResponseMetadata><RequestId>id-1</RequestId></ResponseMetadata>"
                        + "</CreateReceiptRuleSetResponse>");
    }

    @Test
    void resultMembersGoInsideTheResult() {
        XmlWriter result = new XmlWriter().list("Filters", java.util.List.of());
        assertThat(ResponseEnvelopes.success("ListReceiptFilters", true, result, "id"))
                .contains("<ListReceiptFiltersResult><Filters></Filters></ListReceiptFiltersResult>");
        assertThat(ResponseEnvelopes.success("VerifyEmailAddress", false, new XmlWriter(), "id"))
                .doesNotContain("VerifyEmailAddressResult");
    }

    @Test
    void errorMessagesAreEscaped() {
        String xml = ResponseEnvelopes.error(SesException.invalidParameter("Bad <name> & \"x\""), "rid");
        assertThat(xml).endsWith("<ErrorResponse xmlns=\"http://ses.amazonaws.com/doc/2010-12-01/\"><Error>"
                + "<Type>Sender</Type><Code>InvalidParameterValue</Code>"
                + "<Message>Bad &lt;name&gt; &amp; &quot;x&quot;</Message></Error><RequestId>rid</RequestId></ErrorResponse>");
        XmlDoc.parse(xml);
    }
}
