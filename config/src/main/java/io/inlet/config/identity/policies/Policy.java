package io.inlet.config.identity.policies;

import java.util.List;

/** A validated sending authorization policy: its statements, in document order. */
record Policy(List<Statement> statements) {
}
