package io.inlet.engine.process;

/** The processor is shutting down: leave the message where it is; the next start resumes it. */
final class ProcessingStopped extends Exception {
    ProcessingStopped() {
        super("processor stopping", null, false, false);
    }
}
