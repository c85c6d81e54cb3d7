package dev.nifiidcard.processors;

import dev.nifiidcard.ocr.ImageSource;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.exception.ProcessException;

import java.io.IOException;
import java.io.InputStream;

/** FlowFile content as an image source: each open streams it again from the content repository. */
record FlowFileImageSource(ProcessSession session, FlowFile flowFile) implements ImageSource {

    @Override
    public long length() {
        return flowFile.getSize();
    }

    @Override
    public InputStream open() throws IOException {
        try {
            return session.read(flowFile);
        } catch (final ProcessException e) {
            // a content repository failure is an I/O failure to the provider, never an escaping runtime exception
            throw new IOException("Could not read the FlowFile content", e);
        }
    }
}
