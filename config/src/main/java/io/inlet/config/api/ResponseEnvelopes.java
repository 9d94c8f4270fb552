package io.inlet.config.api;

/** The SES Query API response documents: the success envelope around a result, and ErrorResponse. */
final class ResponseEnvelopes {

    static final String NAMESPACE = "http://ses.amazonaws.com/doc/2010-12-01/";
    private static final String PROLOG = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    private ResponseEnvelopes() {
    }

    /**
     * {@code <{Op}Response><{Op}Result>…</{Op}Result><ResponseMetadata>…}. The Result element is
     * written even when empty (botocore fails without it) unless the operation has no output shape.
     *
     * @param action a configured operation name (trusted: it is a key of the operations map)
     * @param result the members the operation wrote, already escaped
     */
    static String success(String action, boolean hasResult, XmlWriter result, String requestId) {
        StringBuilder out = new StringBuilder(PROLOG);
        out.append('<').append(action).append("Response xmlns=\"").append(NAMESPACE).append("\">");
        if (hasResult) {
            String members = result.toString();
            if (members.isEmpty()) {
                out.append('<').append(action).append("Result/>");
            } else {
                out.append('<').append(action).append("Result>").append(members)
                        .append("</").append(action).append("Result>");
            }
        }
        out.append(new XmlWriter().start("ResponseMetadata").element("RequestId", requestId).end());
        out.append("</").append(action).append("Response>");
        return out.toString();
    }

    /** {@code <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>}. */
    static String error(SesException error, String requestId) {
        XmlWriter xml = new XmlWriter()
                .start("ErrorResponse", "xmlns", NAMESPACE)
                .start("Error")
                .element("Type", error.type())
                .element("Code", error.code())
                .element("Message", error.getMessage() == null ? "" : error.getMessage())
                .end()
                .element("RequestId", requestId)
                .end();
        return PROLOG + xml;
    }
}
